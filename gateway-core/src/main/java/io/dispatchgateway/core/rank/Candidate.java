package io.dispatchgateway.core.rank;

import io.dispatchgateway.core.model.Technician;
import io.dispatchgateway.core.plan.PartPickups;
import io.dispatchgateway.core.model.GeoPoint;
import io.dispatchgateway.core.plan.LegTimes;
import io.dispatchgateway.core.plan.PlannedVisit;
import io.dispatchgateway.core.plan.TechnicianPlan;
import io.dispatchgateway.core.plan.Visit;
import io.dispatchgateway.core.port.TravelTimeMatrix.TravelTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A technician with the job inserted at one position of their plan, as the hard constraints and objectives see
 * it: when they would arrive and finish, the drive (with pickups), the overtime of that day, the probability of
 * missing the SLA deadline, and what the insertion does to the jobs after it.
 *
 * @param position 0-based index of the job in the plan after insertion
 * @param before the technician's plan without the job
 * @param after the plan with the job at {@code position}
 * @param visit the job as planned in {@code after}
 * @param addedDrivingMinutes how much more the technician drives: to the site and on to the next stop, less the
 *        leg the insertion replaces
 * @param knockOn every later job the insertion delays, and what it breaks for them
 * @param knockOnRisk the increase in breach probability summed over the later jobs
 * @param inPlace whether the job is judged where a plan laid out as a whole has it (the plan optimizer's), not
 *        inserted: then its shares of the plan's totals count, so that summed over the plan each counts once
 */
public record Candidate(Technician technician, TechnicianState state, TravelTime travel, int position,
        TechnicianPlan before, TechnicianPlan after, PlannedVisit visit, double addedDrivingMinutes,
        List<KnockOn> knockOn, double knockOnRisk, double breachProbability, RankingInput input,
        RankingSettings settings, boolean inPlace) {

    /**
     * A later job the insertion delays.
     *
     * @param problem what the delay breaks for that job (its window, its deadline, its place in the horizon),
     *        or null when it only moves
     */
    public record KnockOn(String jobId, double delayMinutes, Instant arrivalBefore, Instant arrivalAfter,
            String problem) {}

    /** Driving to the site from the previous stop, pickups included. */
    public double drivingMinutes() {
        return visit.travelMinutes();
    }

    public List<PartPickups.Pickup> pickups() {
        return visit.pickups();
    }

    /** Whether the job fits in a shift within the planning horizon. */
    public boolean onShift() {
        return visit.planned();
    }

    /** Estimated arrival, in epoch seconds ({@code Long.MAX_VALUE} when the job fits nowhere). */
    public long arrival() {
        return visit.planned() ? visit.arrival().getEpochSecond() : Long.MAX_VALUE;
    }

    public Instant eta() {
        return visit.planned() ? visit.arrival() : null;
    }

    /** End of the shift the job falls in, in epoch seconds ({@code Long.MAX_VALUE} without one). */
    public long shiftEnd() {
        return visit.shiftEnd() == null ? Long.MAX_VALUE : visit.shiftEnd().getEpochSecond();
    }

    /**
     * How far that day (the drive home included) runs past the shift end. For a job judged in place it is the
     * day's last job that carries the day's overtime, the others none, so a plan's overtime counts once a day and
     * not once for each of its jobs.
     */
    public double overtimeMinutes() {
        if (!visit.planned() || inPlace && !lastOfItsDay()) {
            return 0;
        }
        return after.day(visit.day()).map(TechnicianPlan.DayEnd::overtimeMinutes).orElse(0.0);
    }

    private boolean lastOfItsDay() {
        List<PlannedVisit> visits = after.visits();
        for (int i = position + 1; i < visits.size(); i++) {
            if (visits.get(i).planned() && visit.day().equals(visits.get(i).day())) {
                return false;
            }
        }
        return true;
    }

    /** Jobs already planned on the day the job would fall on. */
    public int jobsThatDay() {
        return visit.planned() ? before.jobsOn(visit.day()) : state.activeJobs();
    }

    /** The visit after which the job is inserted, or null when it goes first. */
    public String afterJobId() {
        return position == 0 ? null : after.visits().get(position - 1).jobId();
    }

    /** The visit before which the job is inserted, or null when it goes last. */
    public String beforeJobId() {
        return position + 1 < after.visits().size() ? after.visits().get(position + 1).jobId() : null;
    }

    /**
     * The job at {@code index} of a plan laid out as a whole (the plan optimizer's): no insertion, so no knock-on
     * of its own (every other job is judged where it is). The driving and the workload are the job's shares of
     * the plan's: the leg from the previous stop to the site (pickups included), and the jobs before it that day.
     * Summed over a plan they give its whole driving and load, and inserting a job changes those sums by exactly
     * what {@link #evaluate} counts for the insertion (the added driving, the jobs already that day); a detour
     * share instead would make two jobs far from everything look cheap because each is near the other.
     */
    static Candidate placed(Technician technician, TechnicianState state, TechnicianPlan plan, int index,
            RankingInput input, RankingSettings settings) {
        List<PlannedVisit> visits = plan.visits();
        PlannedVisit visit = visits.get(index);
        TechnicianPlan before = new TechnicianPlan(plan.technicianId(), plan.computedAt(), visits.subList(0, index),
                plan.breaks(), plan.days());
        double added = visit.travelMinutes();
        Instant deadline = visit.visit().slaDeadline();
        double breach = !visit.planned() ? 1.0 : deadline == null ? 0.0
                : settings.slaRisk().breachProbability(visit.arrival(), deadline, visit.travelMinutes());
        return new Candidate(technician, state, new TravelTime(visit.travelMinutes(), 0, true), index, before, plan,
                visit, added, List.of(), 0, breach, input, settings, true);
    }

    /**
     * The technician before any place is tried: what the rules that do not depend on the place read (the
     * technician, their state, the input, the settings); every place-dependent field is empty.
     */
    static Candidate unplaced(Technician technician, TechnicianState state, RankingInput input,
            RankingSettings settings) {
        return new Candidate(technician, state, null, -1, null, null, null, 0, List.of(), 0, 0, input, settings,
                false);
    }

    static Candidate evaluate(Technician technician, TechnicianState state, TechnicianPlan before, int position,
            RankingContext context) {
        RankingInput input = context.input;
        Visit proposed = context.proposed;
        List<Visit> with = new ArrayList<>(state.plan().size() + 1);
        with.addAll(state.plan());
        with.add(position, proposed);
        TravelTime measured = input.travel().get(technician.id());
        Double firstLeg = measured != null && !measured.estimated() && position == state.pinned()
                ? measured.minutes() : null;
        TechnicianPlan after = context.timeline.compute(technician, with, input.at(), input.depots(), firstLeg);
        PlannedVisit visit = after.visits().get(position);
        TravelTime travel = new TravelTime(visit.travelMinutes(), measured == null ? 0 : measured.distanceKm(),
                firstLeg == null);

        double added = visit.travelMinutes();
        if (visit.planned() && position + 1 < after.visits().size()) {
            PlannedVisit next = after.visits().get(position + 1);
            PlannedVisit nextBefore = before.visits().get(position);
            if (next.planned() && nextBefore.planned() && visit.day().equals(next.day())) {
                added += next.travelMinutes() - nextBefore.travelMinutes();
            }
        }

        List<KnockOn> knockOn = List.of();
        double knockOnRisk = 0;
        SlaRiskEstimator risk = context.settings.slaRisk();
        for (int i = position + 1; i < after.visits().size(); i++) {
            PlannedVisit was = before.visits().get(i - 1);
            PlannedVisit now = after.visits().get(i);
            String problem = null;
            if (was.planned() && !now.planned()) {
                problem = "would no longer fit in a shift within the planning horizon";
            } else if (was.planned() && was.insideWindow() && !now.insideWindow()) {
                problem = "would arrive " + HardConstraints.local(now.arrival(), context.settings)
                        + ", after its arrival window ends " + HardConstraints.local(now.visit().window().end(),
                        context.settings);
            } else if (was.planned() && was.onTime() && !now.onTime()) {
                problem = "would arrive " + HardConstraints.local(now.arrival(), context.settings)
                        + ", after its SLA deadline " + HardConstraints.local(now.visit().slaDeadline(),
                        context.settings);
            }
            double delay = !was.planned() || !now.planned() ? 0
                    : (now.arrival().getEpochSecond() - was.arrival().getEpochSecond()) / 60.0;
            if (delay > 0.5 || problem != null) {
                if (knockOn.isEmpty()) {
                    knockOn = new ArrayList<>(2);
                }
                knockOn.add(new KnockOn(now.jobId(), delay, was.arrival(), now.arrival(), problem));
                Instant deadline = now.visit().slaDeadline();
                if (deadline != null && was.planned()) {
                    double pBefore = risk.breachProbability(was.arrival(), deadline, was.travelMinutes());
                    double pAfter = now.planned() ? risk.breachProbability(now.arrival(), deadline, now.travelMinutes())
                            : 1.0;
                    knockOnRisk += Math.max(0, pAfter - pBefore);
                }
            }
        }
        double breach = visit.planned() ? risk.breachProbability(visit.arrival().getEpochSecond(),
                context.deadlineSecond, visit.travelMinutes()) : 1.0;
        return new Candidate(technician, state, travel, position, before, after, visit, added, knockOn, knockOnRisk,
                breach, input, context.settings, false);
    }
}
