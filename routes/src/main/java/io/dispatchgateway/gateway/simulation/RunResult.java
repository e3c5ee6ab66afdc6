package io.dispatchgateway.gateway.simulation;

import io.dispatchgateway.mappings.kpi.JobFact;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One simulated run: the variant (a policy or a baseline), the seed, its KPIs, and the series the report draws.
 *
 * @param slaByHour local hour of arrival to {jobs, on time}
 * @param travel each job's drive in minutes, as driven
 * @param load completed jobs per technician (every active technician, zero included)
 * @param seconds how long the run took on this machine
 * @param comparison a replayed recording's decisions against the recorded ones; null for a generated scenario
 */
public record RunResult(String variant, long seed, SimulationKpis kpis, Map<Integer, int[]> slaByHour,
        List<Double> travel, Map<String, Integer> load, long events, double seconds, Replay.Comparison comparison) {

    /**
     * The run's KPIs and series from the gateway's job facts of its jobs.
     *
     * @param technicians the active technicians (each has a load, zero included)
     * @param overtime per technician and local day, minutes worked after the shift
     */
    static RunResult of(String variant, long seed, List<JobFact> facts, Collection<String> technicians,
            Map<String, Map<LocalDate, Long>> overtime, ZoneId zone, long events, double seconds,
            Replay.Comparison comparison) {
        Map<String, Integer> load = new TreeMap<>();
        technicians.forEach(id -> load.put(id, 0));
        Map<Integer, int[]> byHour = new TreeMap<>();
        for (JobFact fact : facts) {
            if (fact.completedAt() != null && fact.technicianId() != null) {
                load.merge(fact.technicianId(), 1, Integer::sum);
            }
            int[] hour = byHour.computeIfAbsent(fact.receivedAt().atZone(zone).getHour(), h -> new int[2]);
            hour[0]++;
            if (Boolean.TRUE.equals(fact.slaMet())) {
                hour[1]++;
            }
        }
        List<Double> travel = facts.stream().map(JobFact::actualTravelMinutes).filter(Objects::nonNull).toList();
        SimulationKpis kpis = SimulationKpis.of(facts, load, overtime);
        if (comparison != null) {
            kpis = kpis.reproducing(comparison.share());
        }
        return new RunResult(variant, seed, kpis, byHour, travel, load, events, seconds, comparison);
    }
}
