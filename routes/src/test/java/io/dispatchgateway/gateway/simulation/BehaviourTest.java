package io.dispatchgateway.gateway.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BehaviourTest {

    private static final Scenario.Field FIELD = new Scenario.Field(0.2, 0.3, 0.1, 20, 0.05, 0.1);
    private static final Scenario.Office OFFICE = new Scenario.Office(4, 0.05);
    private static final int N = 20_000;

    private final Behaviour behaviour = new Behaviour(FIELD, OFFICE, 42);

    @Test
    void theTravelNoiseHasMeanOneAndTheScenarioSpread() {
        double[] factors = IntStream.range(0, N).mapToDouble(i -> behaviour.driveFactor("SIM-" + i, 1)).toArray();
        double mean = mean(factors);
        double logSd = sd(java.util.Arrays.stream(factors).map(Math::log).toArray());

        assertThat(mean).isCloseTo(1.0, within(0.01));
        assertThat(logSd).isCloseTo(0.2, within(0.01));
        assertThat(java.util.Arrays.stream(factors).allMatch(f -> f > 0)).isTrue();
    }

    @Test
    void workSpreadsAroundTheEstimateAndNoSpreadMeansTheEstimate() {
        double[] factors = IntStream.range(0, N).mapToDouble(i -> behaviour.workFactor("SIM-" + i, 1)).toArray();
        assertThat(mean(factors)).isCloseTo(1.0, within(0.015));
        assertThat(sd(java.util.Arrays.stream(factors).map(Math::log).toArray())).isCloseTo(0.3, within(0.01));

        Behaviour exact = new Behaviour(new Scenario.Field(0, 0, 0, 0, 0, 0), OFFICE, 42);
        assertThat(exact.workFactor("SIM-1", 1)).isEqualTo(1.0);
        assertThat(exact.driveFactor("SIM-1", 1)).isEqualTo(1.0);
    }

    @Test
    void aTenthOfTheTechniciansAreLateByTwentyMinutesOnAverage() {
        LocalDate day = LocalDate.of(2026, 11, 24);
        long[] late = IntStream.range(0, N).mapToLong(i -> behaviour.lateMinutes("T-" + i, day)).toArray();
        long lateOnes = java.util.Arrays.stream(late).filter(m -> m > 0).count();

        assertThat(lateOnes / (double) N).isCloseTo(0.1, within(0.01));
        assertThat(java.util.Arrays.stream(late).filter(m -> m > 0).average().orElseThrow())
                .isCloseTo(20, within(1.5));
        // Another day is another draw.
        assertThat(IntStream.range(0, 200).filter(i -> behaviour.lateMinutes("T-" + i, day)
                != behaviour.lateMinutes("T-" + i, day.plusDays(1))).count()).isPositive();
    }

    @Test
    void missingPartsAndRepeatVisitsComeAtTheirShares() {
        long missing = IntStream.range(0, N).filter(i -> behaviour.partMissing("SIM-" + i)).count();
        long repeat = IntStream.range(0, N).filter(i -> !behaviour.fixedFirstTime("SIM-" + i)).count();

        assertThat(missing / (double) N).isCloseTo(0.05, within(0.005));
        assertThat(repeat / (double) N).isCloseTo(0.1, within(0.007));
    }

    @Test
    void theOfficeDecidesInFourMinutesOnAverageAndOverridesOneTimeInTwenty() {
        double minutes = IntStream.range(0, N).mapToLong(i -> behaviour.decisionMinutes("A-" + i)).average()
                .orElseThrow();
        long overrides = IntStream.range(0, N).filter(i -> behaviour.overrides("A-" + i)).count();

        // Exponential with mean 4, rounded to whole minutes and at least one (which adds about 0.1).
        assertThat(minutes).isCloseTo(4.1, within(0.2));
        assertThat(overrides / (double) N).isCloseTo(0.05, within(0.005));
    }

    @Test
    void eachDrawDependsOnWhatItIsAboutAndTheSeedOnly() {
        Behaviour again = new Behaviour(FIELD, OFFICE, 42);
        Behaviour other = new Behaviour(FIELD, OFFICE, 43);

        // The same job drives as long whatever was drawn before: policies compared see the same day.
        behaviour.workFactor("SIM-7", 1);
        assertThat(again.driveFactor("SIM-9", 1)).isEqualTo(behaviour.driveFactor("SIM-9", 1));
        assertThat(other.driveFactor("SIM-9", 1)).isNotEqualTo(behaviour.driveFactor("SIM-9", 1));
        assertThat(behaviour.driveFactor("SIM-9", 2)).isNotEqualTo(behaviour.driveFactor("SIM-9", 1));
    }

    private static double mean(double[] values) {
        return java.util.Arrays.stream(values).average().orElseThrow();
    }

    private static double sd(double[] values) {
        double mean = mean(values);
        return Math.sqrt(java.util.Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum() / (values.length - 1));
    }
}
