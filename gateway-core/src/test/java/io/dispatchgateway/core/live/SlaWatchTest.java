package io.dispatchgateway.core.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.dispatchgateway.core.live.SlaWatch.Stage;
import io.dispatchgateway.core.live.SlaWatch.Watched;
import io.dispatchgateway.core.rank.SlaRiskEstimator;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SlaWatchTest {

    private static final Instant NOW = Instant.parse("2026-11-23T16:00:00Z");
    private final SlaWatch watch = new SlaWatch(new SlaRiskEstimator(Duration.ofMinutes(10), 0.15), 0.5,
            Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofMinutes(10));

    @Test
    void aComfortableJobHasNoStageDue() {
        var assessment = watch.assess(new Watched(NOW.plusSeconds(4 * 3600), NOW.plusSeconds(3600), 20, false, false, false),
                NOW);
        assertThat(assessment.due()).isEmpty();
        assertThat(assessment.breachProbability()).isLessThan(0.01);
    }

    @Test
    void anEtaPastTheDeadlineIsABreachRisk() {
        var assessment = watch.assess(new Watched(NOW.plusSeconds(3 * 3600), NOW.plusSeconds(3 * 3600 + 1800), 20,
                true, false, false), NOW);
        assertThat(assessment.due()).containsExactly(Stage.BREACH_RISK);
        assertThat(assessment.breachProbability()).isGreaterThan(0.5);
    }

    @Test
    void lessThanAnHourAndNotStartedEscalatesToTheSupervisor() {
        Watched job = new Watched(NOW.plusSeconds(50 * 60), NOW.plusSeconds(20 * 60), 5, false, false, false);
        assertThat(watch.assess(job, NOW).due()).containsExactly(Stage.SUPERVISOR_ESCALATION);
    }

    @Test
    void lessThanThirtyMinutesAndNotEnRouteRemindsTheTechnicianToo() {
        Watched job = new Watched(NOW.plusSeconds(25 * 60), NOW.plusSeconds(5 * 60), 2, false, false, false);
        assertThat(watch.assess(job, NOW).due()).containsExactly(Stage.TECHNICIAN_REMINDER,
                Stage.SUPERVISOR_ESCALATION);
    }

    @Test
    void aTechnicianOnTheWayIsNeitherRemindedNorReported() {
        Watched job = new Watched(NOW.plusSeconds(25 * 60), NOW.plusSeconds(5 * 60), 2, true, false, false);
        assertThat(watch.assess(job, NOW).due()).isEmpty();
    }

    @Test
    void aPassedDeadlineWithoutArrivalIsABreachAndOnlyThat() {
        Watched job = new Watched(NOW.minusSeconds(60), NOW.plusSeconds(600), 10, false, false, false);
        var assessment = watch.assess(job, NOW);
        assertThat(assessment.due()).containsExactly(Stage.BREACHED);
        assertThat(assessment.breachProbability()).isEqualTo(1.0);
    }

    @Test
    void noArrivalByTheEtaPlusGraceIsAMissedArrival() {
        Watched late = new Watched(NOW.plusSeconds(3 * 3600), NOW.minusSeconds(11 * 60), 15, true, false, false);
        var assessment = watch.assess(late, NOW);
        assertThat(assessment.due()).containsExactly(Stage.MISSED_ARRIVAL);
        assertThat(assessment.expectedArrival()).isEqualTo(NOW.plusSeconds(15 * 60));
        Watched withinGrace = new Watched(NOW.plusSeconds(3 * 3600), NOW.minusSeconds(9 * 60), 15, true, false, false);
        assertThat(watch.assess(withinGrace, NOW).due()).isEmpty();
    }

    @Test
    void aTechnicianHeldUpByAnEarlierJobIsLateByThePlanNotMissing() {
        // Committed for 11 min ago, but the job before it overran: the plan has the technician there in 40 min.
        Watched heldUp = new Watched(NOW.plusSeconds(3 * 3600), NOW.minusSeconds(11 * 60), 15, false, false, false,
                NOW.plusSeconds(40 * 60), true);
        var assessment = watch.assess(heldUp, NOW);
        assertThat(assessment.due()).doesNotContain(Stage.MISSED_ARRIVAL);
        assertThat(assessment.expectedArrival()).isEqualTo(NOW.plusSeconds(40 * 60));

        // The plan's arrival past the deadline is a breach risk, whatever was committed.
        Watched behind = new Watched(NOW.plusSeconds(30 * 60), NOW.plusSeconds(10 * 60), 15, false, false, false,
                NOW.plusSeconds(75 * 60), true);
        assertThat(watch.assess(behind, NOW).due()).contains(Stage.BREACH_RISK);
    }

    @Test
    void aPausedJobOnlyReachesTheBreach() {
        Watched paused = new Watched(NOW.plusSeconds(20 * 60), NOW.plusSeconds(86_400), 15, false, false, true);
        assertThat(watch.assess(paused, NOW).due()).isEmpty();
        assertThat(watch.assess(paused, NOW.plusSeconds(21 * 60)).due()).containsExactly(Stage.BREACHED);
    }

    @Test
    void anArrivedTechnicianEndsTheWatch() {
        Watched job = new Watched(NOW.minusSeconds(60), NOW, 0, true, true, false);
        assertThat(watch.assess(job, NOW).due()).isEmpty();
    }
}
