package io.dispatchgateway.gateway.simulation;

import io.dispatchgateway.mappings.kpi.JobFact;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The KPIs of one run, from the gateway's own job facts (the ones {@code GET /api/v1/kpis/facts} serves) and the
 * technicians' days. Shares are 0..1; every job that arrived counts in SLA attainment, so a job never reached is
 * a miss.
 */
public record SimulationKpis(int jobs, int completed, double slaAttainment, Map<String, Double> slaByPriority,
        double travelPerJob, double firstTimeFix, int maxJobsPerTechnician, double jobsPerTechnicianSd,
        double overtimeMinutes, double reassignmentsPerJob, int repeatReroutes, int exceptionsOpened,
        double exceptionAgeMinutes, double assignmentMinutes, double approvalShare, double managerOverrideRate,
        Double decisionsReproduced) {

    /** The same KPIs with the share of a replayed recording's jobs decided as recorded. */
    SimulationKpis reproducing(double share) {
        return new SimulationKpis(jobs, completed, slaAttainment, slaByPriority, travelPerJob, firstTimeFix,
                maxJobsPerTechnician, jobsPerTechnicianSd, overtimeMinutes, reassignmentsPerJob, repeatReroutes,
                exceptionsOpened, exceptionAgeMinutes, assignmentMinutes, approvalShare, managerOverrideRate, share);
    }

    /** The KPIs a report compares, by name, in order (priority attainment flattened as sla-CRITICAL, ...). */
    public Map<String, Double> named() {
        Map<String, Double> named = new LinkedHashMap<>();
        named.put("jobs", (double) jobs);
        named.put("completed", (double) completed);
        named.put("sla-attainment", slaAttainment);
        slaByPriority.forEach((priority, share) -> named.put("sla-" + priority, share));
        named.put("travel-per-job-min", travelPerJob);
        named.put("first-time-fix", firstTimeFix);
        named.put("max-jobs-per-technician", (double) maxJobsPerTechnician);
        named.put("jobs-per-technician-sd", jobsPerTechnicianSd);
        named.put("overtime-min", overtimeMinutes);
        named.put("reassignments-per-job", reassignmentsPerJob);
        named.put("repeat-reroutes", (double) repeatReroutes);
        named.put("exceptions-opened", (double) exceptionsOpened);
        named.put("exception-age-min", exceptionAgeMinutes);
        named.put("assignment-min", assignmentMinutes);
        named.put("approval-share", approvalShare);
        named.put("manager-override-rate", managerOverrideRate);
        if (decisionsReproduced != null) {
            named.put("decisions-reproduced", decisionsReproduced);
        }
        return named;
    }

    static SimulationKpis of(List<JobFact> facts, Map<String, Integer> load,
            Map<String, Map<LocalDate, Long>> overtime) {
        int jobs = facts.size();
        Map<String, Double> byPriority = new LinkedHashMap<>();
        for (String priority : List.of("CRITICAL", "HIGH", "NORMAL", "LOW")) {
            List<JobFact> of = facts.stream().filter(f -> priority.equals(f.priority())).toList();
            if (!of.isEmpty()) {
                byPriority.put(priority, share(of, f -> Boolean.TRUE.equals(f.slaMet())));
            }
        }
        List<JobFact> assigned = facts.stream().filter(f -> f.assignedAt() != null).toList();
        double mean = load.values().stream().mapToInt(Integer::intValue).average().orElse(0);
        double sd = Math.sqrt(load.values().stream().mapToDouble(n -> (n - mean) * (n - mean)).average().orElse(0));
        return new SimulationKpis(jobs,
                (int) facts.stream().filter(f -> f.completedAt() != null).count(),
                share(facts, f -> Boolean.TRUE.equals(f.slaMet())),
                byPriority,
                mean(facts.stream().map(JobFact::actualTravelMinutes).toList()),
                share(facts.stream().filter(f -> f.firstTimeFix() != null).toList(),
                        f -> Boolean.TRUE.equals(f.firstTimeFix())),
                load.values().stream().mapToInt(Integer::intValue).max().orElse(0),
                sd,
                overtime.values().stream().flatMap(days -> days.values().stream()).mapToLong(Long::longValue).sum(),
                jobs == 0 ? 0 : facts.stream().mapToInt(JobFact::reassignments).sum() / (double) jobs,
                (int) facts.stream().filter(f -> f.reassignments() >= 2).count(),
                facts.stream().mapToInt(JobFact::exceptionsOpened).sum(),
                mean(facts.stream().map(JobFact::exceptionMinutes).toList()),
                mean(facts.stream().map(JobFact::assignmentMinutes).toList()),
                share(facts, f -> f.approvalRequestedAt() != null),
                share(assigned, JobFact::managerOverride), null);
    }

    private static double share(List<JobFact> facts, Predicate<JobFact> which) {
        return facts.isEmpty() ? 0 : facts.stream().filter(which).count() / (double) facts.size();
    }

    private static double mean(Collection<Double> values) {
        return values.stream().filter(Objects::nonNull).mapToDouble(Double::doubleValue).average().orElse(0);
    }
}
