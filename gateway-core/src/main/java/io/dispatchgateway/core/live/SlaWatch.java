package io.dispatchgateway.core.live;

import io.dispatchgateway.core.rank.SlaRiskEstimator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The SLA watch over a job in the field, until the technician arrives. Its stages, each due at most once per job:
 * <ul>
 *   <li>{@code BREACH_RISK}: the breach probability at the current ETA is over the threshold;</li>
 *   <li>{@code TECHNICIAN_REMINDER}: less than {@code reminderBefore} (30 min) to the deadline and the technician
 *       has not reported EN_ROUTE;</li>
 *   <li>{@code SUPERVISOR_ESCALATION}: less than {@code supervisorBefore} (1 h) to the deadline and the job not
 *       started (neither en route nor on site);</li>
 *   <li>{@code MISSED_ARRIVAL}: the committed ETA plus {@code arrivalGrace} has passed without an arrival (not for
 *       a paused job);</li>
 *   <li>{@code BREACHED}: the deadline has passed without an arrival (then only this stage is due).</li>
 * </ul>
 * The ETA the probability is computed at is the committed one, or, once that has passed, now plus the travel time
 * from where the technician is. A paused job (escalated with a new commitment when it was paused) only reaches
 * {@code BREACHED}.
 */
public final class SlaWatch {

    /** A stage of the watch. */
    public enum Stage { BREACH_RISK, TECHNICIAN_REMINDER, SUPERVISOR_ESCALATION, MISSED_ARRIVAL, BREACHED }

    /**
     * What the watch looks at.
     *
     * @param eta the committed arrival (planned, or as reported with DELAYED)
     * @param travelMinutes from where the technician is now to the site
     * @param expected the arrival the technician's plan gives now (the jobs before it as they stand, an overrun
     *        included), or null without a plan; the breach probability is taken there
     * @param heldUp whether the plan has the technician on an earlier job first: a committed arrival that passes
     *        meanwhile is a delay the plan shows (breach risk), not a missed arrival
     */
    public record Watched(Instant slaDeadline, Instant eta, double travelMinutes, boolean enRoute, boolean arrived,
            boolean paused, Instant expected, boolean heldUp) {

        /** Without a plan: the committed arrival, else the drive from where the technician is. */
        public Watched(Instant slaDeadline, Instant eta, double travelMinutes, boolean enRoute, boolean arrived,
                boolean paused) {
            this(slaDeadline, eta, travelMinutes, enRoute, arrived, paused, null, false);
        }
    }

    /** The breach probability at the expected arrival, that arrival, and the stages due now (before the once-per-job filter). */
    public record Assessment(double breachProbability, Instant expectedArrival, List<Stage> due) {}

    private final SlaRiskEstimator risk;
    private final double threshold;
    private final Duration reminderBefore;
    private final Duration supervisorBefore;
    private final Duration arrivalGrace;

    public SlaWatch(SlaRiskEstimator risk, double threshold, Duration reminderBefore, Duration supervisorBefore,
            Duration arrivalGrace) {
        this.arrivalGrace = arrivalGrace;
        this.risk = risk;
        this.threshold = threshold;
        this.reminderBefore = reminderBefore;
        this.supervisorBefore = supervisorBefore;
    }

    public double threshold() {
        return threshold;
    }

    public Assessment assess(Watched job, Instant now) {
        Instant eta = job.expected() != null ? job.expected() : job.eta() == null || job.eta().isBefore(now)
                ? now.plusSeconds(Math.round(job.travelMinutes() * 60)) : job.eta();
        if (job.arrived() || job.slaDeadline() == null) {
            return new Assessment(0, eta, List.of());
        }
        if (!now.isBefore(job.slaDeadline())) {
            return new Assessment(1, eta, List.of(Stage.BREACHED));
        }
        double probability = risk.breachProbability(eta, job.slaDeadline(), job.travelMinutes());
        if (job.paused()) {
            return new Assessment(probability, eta, List.of()); // the pause was escalated with its new commitment
        }
        Duration left = Duration.between(now, job.slaDeadline());
        List<Stage> due = new ArrayList<>();
        if (probability > threshold) {
            due.add(Stage.BREACH_RISK);
        }
        if (!job.enRoute() && left.compareTo(reminderBefore) < 0) {
            due.add(Stage.TECHNICIAN_REMINDER);
        }
        if (!job.enRoute() && left.compareTo(supervisorBefore) < 0) {
            due.add(Stage.SUPERVISOR_ESCALATION);
        }
        if (!job.paused() && !job.heldUp() && job.eta() != null && now.isAfter(job.eta().plus(arrivalGrace))) {
            due.add(Stage.MISSED_ARRIVAL);
        }
        return new Assessment(probability, eta, due);
    }
}
