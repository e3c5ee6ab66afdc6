package io.dispatchgateway.gateway.kpi;

import io.dispatchgateway.mappings.kpi.JobFact;
import io.dispatchgateway.mappings.kpi.KpiRow;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/** Computes KPI rows from job facts, per day (in the gateway's zone), territory, category or tenant. */
public final class KpiCalculator {

    /** What the rows are grouped by. */
    public enum GroupBy { DAY, TERRITORY, CATEGORY, TENANT }

    private final ZoneId zone;

    public KpiCalculator(ZoneId zone) {
        this.zone = zone;
    }

    public List<KpiRow> rows(List<JobFact> facts, GroupBy groupBy) {
        Function<JobFact, String> key = switch (groupBy) {
            case DAY -> f -> LocalDate.ofInstant(f.receivedAt(), zone).toString();
            case TERRITORY -> f -> Objects.requireNonNullElse(f.territory(), "(none)");
            case CATEGORY -> f -> Objects.requireNonNullElse(f.category(), "(unclassified)");
            case TENANT -> JobFact::tenant;
        };
        Map<String, List<JobFact>> groups = new TreeMap<>();
        facts.forEach(f -> groups.computeIfAbsent(key.apply(f), k -> new ArrayList<>()).add(f));
        List<KpiRow> rows = new ArrayList<>();
        groups.forEach((group, list) -> rows.add(row(groupBy.name().toLowerCase(), group, list)));
        return rows;
    }

    static KpiRow row(String groupBy, String group, List<JobFact> facts) {
        List<JobFact> assigned = facts.stream().filter(f -> f.assignedAt() != null).toList();
        List<JobFact> completed = facts.stream().filter(f -> f.slaMet() != null).toList();
        return new KpiRow(groupBy, group, facts.size(), assigned.size(),
                share(assigned, JobFact::assignedAutomatically),
                share(facts, f -> f.approvalRequestedAt() != null),
                mean(assigned, JobFact::assignmentMinutes),
                mean(assigned.stream().filter(f -> f.estimatedTravelMinutes() != null).toList(),
                        JobFact::estimatedTravelMinutes),
                share(assigned, JobFact::managerOverride),
                facts.isEmpty() ? null : facts.stream().mapToInt(JobFact::dispatcherTouches).sum() / (double) facts.size(),
                facts.isEmpty() ? null : facts.stream().mapToInt(JobFact::reassignments).sum() / (double) facts.size(),
                facts.stream().mapToInt(JobFact::exceptionsOpened).sum(),
                share(completed, f -> Boolean.TRUE.equals(f.slaMet())),
                share(facts.stream().filter(f -> f.firstTimeFix() != null).toList(),
                        f -> Boolean.TRUE.equals(f.firstTimeFix())),
                mean(facts.stream().filter(f -> f.actualTravelMinutes() != null).toList(),
                        JobFact::actualTravelMinutes),
                facts.stream().mapToInt(JobFact::exceptionsOpened).sum() == 0 ? null
                        : facts.stream().filter(f -> f.exceptionMinutes() != null)
                                .mapToDouble(JobFact::exceptionMinutes).sum()
                                / facts.stream().mapToInt(JobFact::exceptionsOpened).sum(),
                share(facts.stream().filter(f -> f.slaRecovered() != null).toList(),
                        f -> Boolean.TRUE.equals(f.slaRecovered())),
                mean(facts.stream().filter(f -> f.reassignmentMinutes() != null).toList(),
                        JobFact::reassignmentMinutes),
                mean(facts.stream().filter(f -> f.customerUpdateDelayMinutes() != null).toList(),
                        JobFact::customerUpdateDelayMinutes));
    }

    private static Double share(List<JobFact> facts, Predicate<JobFact> test) {
        return facts.isEmpty() ? null : facts.stream().filter(test).count() / (double) facts.size();
    }

    private static Double mean(List<JobFact> facts, ToDoubleFunction<JobFact> value) {
        return facts.isEmpty() ? null : facts.stream().mapToDouble(value).average().orElse(0);
    }
}
