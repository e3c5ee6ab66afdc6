package io.dispatchgateway.core.rank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SlaRiskEstimatorTest {

    private static final Instant DEADLINE = Instant.parse("2026-11-23T18:00:00Z");
    private final SlaRiskEstimator estimator = new SlaRiskEstimator(Duration.ofMinutes(5), 0.25);

    @Test
    void arrivalAtTheDeadlineIsACoinToss() {
        assertThat(estimator.breachProbability(DEADLINE, DEADLINE, 20)).isCloseTo(0.5, within(1e-6));
    }

    @Test
    void oneAndTwoSigmaEarlyGiveTheNormalTails() {
        // sigma = 5 + 0.25 x 20 = 10 minutes
        assertThat(estimator.breachProbability(DEADLINE.minusSeconds(600), DEADLINE, 20)).isCloseTo(0.1587,
                within(1e-4));
        assertThat(estimator.breachProbability(DEADLINE.minusSeconds(1200), DEADLINE, 20)).isCloseTo(0.0228,
                within(1e-4));
        assertThat(estimator.breachProbability(DEADLINE.plusSeconds(600), DEADLINE, 20)).isCloseTo(0.8413,
                within(1e-4));
    }

    @Test
    void longerTripsAreLessCertain() {
        Instant eta = DEADLINE.minusSeconds(900);

        assertThat(estimator.breachProbability(eta, DEADLINE, 80)).isGreaterThan(
                estimator.breachProbability(eta, DEADLINE, 10));
    }

    @Test
    void badSettingsAreRefused() {
        assertThatThrownBy(() -> new SlaRiskEstimator(Duration.ZERO, 0.25)).hasMessageContaining("base");
        assertThatThrownBy(() -> new SlaRiskEstimator(Duration.ofMinutes(1), -1)).hasMessageContaining("travel");
    }
}
