package io.dispatchgateway.core.dispatch;

import static io.dispatchgateway.core.Fixtures.NOW;
import static io.dispatchgateway.core.Fixtures.SETTINGS;
import static io.dispatchgateway.core.Fixtures.customer;
import static io.dispatchgateway.core.Fixtures.input;
import static io.dispatchgateway.core.Fixtures.job;
import static io.dispatchgateway.core.Fixtures.north;
import static io.dispatchgateway.core.Fixtures.technician;
import static org.assertj.core.api.Assertions.assertThat;

import io.dispatchgateway.core.Fixtures;
import io.dispatchgateway.core.model.Classification;
import io.dispatchgateway.core.model.Customer;
import io.dispatchgateway.core.model.CustomerTier;
import io.dispatchgateway.core.model.Job;
import io.dispatchgateway.core.model.Location;
import io.dispatchgateway.core.model.Priority;
import io.dispatchgateway.core.model.Recommendation;
import io.dispatchgateway.core.model.Technician;
import io.dispatchgateway.core.plan.Visit;
import io.dispatchgateway.core.rank.CandidateRanker;
import io.dispatchgateway.core.rank.RankingInput;
import io.dispatchgateway.core.rank.RankingPolicy;
import io.dispatchgateway.core.rank.TechnicianState;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which committed job a late critical job could take the place of, and what that does to both. */
class AssignmentPlannerTest {

    private static final RankingPolicy ON_TIME = new RankingPolicy("on-time", null, Map.of("sla-risk", 1.0,
            "knock-on", 1.0), null);
    private static final CandidateRanker RANKER = Fixtures.ranker(SETTINGS);
    private static final AssignmentPlanner PLANNER = new AssignmentPlanner(RANKER);
    private static final Customer CUSTOMER = customer(CustomerTier.SILVER, BigDecimal.ZERO, Set.of());
    private static final Technician T1 = technician("T-1", Map.of("hvac", 3), 5);

    /** J-A (10 km north, due in 70 min) then J-B (40 km north, due in two days): both on time now. */
    private static final List<Visit> PLAN = List.of(
            new Visit("J-A", Visit.State.ASSIGNED, north(10), Duration.ofMinutes(60), NOW.plus(Duration.ofMinutes(70)),
                    null, null, Map.of(), Priority.HIGH, null, null),
            new Visit("J-B", Visit.State.ASSIGNED, north(40), Duration.ofMinutes(60), NOW.plus(Duration.ofDays(2)),
                    null, null, Map.of(), Priority.LOW, null, null));

    private static Classification critical(Duration due) {
        return new Classification("X", Priority.CRITICAL, "hvac", 1, null, null, null, Duration.ofMinutes(60),
                NOW.plus(due), true, "r");
    }

    private static RankingInput challenger(Classification classification) {
        return input(job("Gas smell"), classification, CUSTOMER, List.of(T1),
                Map.of("T-1", TechnicianState.planned(PLAN)), List.of());
    }

    @Test
    void theJobThatBlocksIsTheOneWhoseRemovalGetsTheCriticalJobThereInTime() {
        RankingInput input = challenger(critical(Duration.ofMinutes(30)));
        Recommendation recommendation = RANKER.rank(input, ON_TIME);
        // Before J-A would make J-A late; after it, the critical job arrives 45 min past its deadline.
        assertThat(recommendation.best().orElseThrow().placement().position()).isEqualTo(2);

        List<AssignmentPlanner.Bump> bumps = PLANNER.bumps(input, ON_TIME, recommendation);

        // Taking J-B out does not help (J-A still stands in the way); taking J-A out does.
        assertThat(bumps).extracting(AssignmentPlanner.Bump::holderJobId).containsExactly("J-A");
        AssignmentPlanner.Bump bump = bumps.get(0);
        assertThat(bump.challengerBefore().arrival()).isEqualTo(NOW.plus(Duration.ofMinutes(75)));
        assertThat(bump.challengerAfter().arrival()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
        assertThat(bump.challengerAfter().breachProbability()).isLessThan(bump.challengerBefore().breachProbability());
        assertThat(bump.holderBefore().arrival()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
        assertThat(bump.planAfter()).extracting(Visit::jobId).containsExactly("J-1", "J-B");
        assertThat(bump.challengerBefore().describe(NOW.plus(Duration.ofMinutes(30))))
                .isEqualTo("T-1 arrives " + NOW.plus(Duration.ofMinutes(75)) + ", 45 min after the deadline, breach "
                        + Math.round(bump.challengerBefore().breachProbability() * 100) + " %");
    }

    @Test
    void theBumpedJobIsEstimatedOnThePlansAfterTheBump() {
        RankingInput input = challenger(critical(Duration.ofMinutes(30)));
        AssignmentPlanner.Bump bump = PLANNER.bumps(input, ON_TIME, RANKER.rank(input, ON_TIME)).get(0);
        Job holder = new Job("J-A", "default", "test", "EXT-A", "C-1", "No heat", null,
                new Location("north", north(10).lat(), north(10).lon()), null, null, List.of(), false, NOW);
        Classification holderClass = new Classification("X", Priority.HIGH, "hvac", 1, null, null, null,
                Duration.ofMinutes(60), NOW.plus(Duration.ofMinutes(70)), false, "r");
        RankingInput holderInput = input(holder, holderClass, CUSTOMER, List.of(T1),
                Map.of("T-1", TechnicianState.planned(PLAN)), List.of());

        AssignmentPlanner.Estimate after = PLANNER.afterBump(bump, holderInput, ON_TIME);

        // Behind the critical job (done at +65) and 10 km on: it arrives at +75, past its +70 deadline.
        assertThat(after.technicianId()).isEqualTo("T-1");
        assertThat(after.arrival()).isEqualTo(NOW.plus(Duration.ofMinutes(75)));
        assertThat(after.breachProbability()).isGreaterThan(bump.holderBefore().breachProbability());
    }

    @Test
    void aJobThatIsOnTimeWhereItIsBumpsNobody() {
        RankingInput input = challenger(critical(Duration.ofHours(2)));

        assertThat(PLANNER.bumps(input, ON_TIME, RANKER.rank(input, ON_TIME))).isEmpty();
    }
}
