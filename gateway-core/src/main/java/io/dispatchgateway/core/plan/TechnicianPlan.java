package io.dispatchgateway.core.plan;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * A technician's plan laid out from a given moment: every visit in order with its times, the breaks, and how
 * each shift day ends (the drive home and any overtime).
 */
public record TechnicianPlan(String technicianId, Instant computedAt, List<PlannedVisit> visits, List<Break> breaks,
        List<DayEnd> days) {

    /** A break taken between two jobs. */
    public record Break(LocalDate day, Instant start, Instant end) {}

    /**
     * How a shift day ends: the last job's finish, the drive home, and the minutes past the shift end.
     *
     * @param jobs visits planned on that day
     */
    public record DayEnd(LocalDate day, Instant shiftEnd, Instant lastFinish, double homeMinutes, Instant home,
            double overtimeMinutes, int jobs) {}

    public TechnicianPlan {
        visits = List.copyOf(visits);
        breaks = List.copyOf(breaks);
        days = List.copyOf(days);
    }

    public Optional<PlannedVisit> find(String jobId) {
        return visits.stream().filter(v -> v.jobId().equals(jobId)).findFirst();
    }

    /** 0-based position of the job in the plan, or -1. */
    public int indexOf(String jobId) {
        for (int i = 0; i < visits.size(); i++) {
            if (visits.get(i).jobId().equals(jobId)) {
                return i;
            }
        }
        return -1;
    }

    /** Minutes of driving to all planned visits, pickups included (the drives home not counted). */
    public double drivingMinutes() {
        return visits.stream().filter(PlannedVisit::planned).mapToDouble(PlannedVisit::travelMinutes).sum();
    }

    public double overtimeMinutes() {
        return days.stream().mapToDouble(DayEnd::overtimeMinutes).sum();
    }

    /** Jobs planned on {@code day}. */
    public int jobsOn(LocalDate day) {
        int jobs = 0;
        for (PlannedVisit visit : visits) {
            if (visit.planned() && day.equals(visit.day())) {
                jobs++;
            }
        }
        return jobs;
    }

    public Optional<DayEnd> day(LocalDate day) {
        for (DayEnd end : days) {
            if (end.day().equals(day)) {
                return Optional.of(end);
            }
        }
        return Optional.empty();
    }
}
