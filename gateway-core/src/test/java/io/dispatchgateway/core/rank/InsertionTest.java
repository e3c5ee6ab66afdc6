package io.dispatchgateway.core.rank;

import static io.dispatchgateway.core.Fixtures.NOW;
import static io.dispatchgateway.core.Fixtures.SETTINGS;
import static io.dispatchgateway.core.Fixtures.classification;
import static io.dispatchgateway.core.Fixtures.customer;
import static io.dispatchgateway.core.Fixtures.input;
import static io.dispatchgateway.core.Fixtures.job;
import static io.dispatchgateway.core.Fixtures.north;
import static io.dispatchgateway.core.Fixtures.technician;
import static org.assertj.core.api.Assertions.assertThat;

import io.dispatchgateway.core.Fixtures;
import io.dispatchgateway.core.model.ArrivalWindow;
import io.dispatchgateway.core.model.Classification;
import io.dispatchgateway.core.model.CustomerTier;
import io.dispatchgateway.core.model.Priority;
import io.dispatchgateway.core.model.RankedOption;
import io.dispatchgateway.core.model.Recommendation;
import io.dispatchgateway.core.plan.Visit;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Insertion into a plan: the best position, its knock-on, and the rules that guard later jobs. */
class InsertionTest {

    private static final RankingPolicy ON_TIME = new RankingPolicy("on-time", null, Map.of("sla-risk", 1.0,
            "knock-on", 1.0), null);

    private static Visit routine(String id, double kmNorth, ArrivalWindow window) {
        return new Visit(id, Visit.State.ASSIGNED, north(kmNorth), Duration.ofMinutes(60), NOW.plus(Duration.ofDays(2)),
                window, null, Map.of(), Priority.LOW, null, null);
    }

    private static Recommendation rank(Classification classification, TechnicianState state) {
        return Fixtures.ranker(SETTINGS).rank(input(job("No heat"), classification,
                customer(CustomerTier.SILVER, BigDecimal.ZERO, Set.of()),
                List.of(technician("T-1", Map.of("hvac", 3), 5)), Map.of("T-1", state), List.of()), ON_TIME);
    }

    @Test
    void anUrgentJobGoesBeforeRoutineWorkThatStaysOnTime() {
        Classification urgent = new Classification("X", Priority.CRITICAL, "hvac", 1, null, null, null,
                Duration.ofMinutes(60), NOW.plus(Duration.ofMinutes(45)), false, "r");

        RankedOption option = rank(urgent, TechnicianState.planned(List.of(routine("J-A", 10, null),
                routine("J-B", 20, null)))).best().orElseThrow();

        assertThat(option.placement().position()).isEqualTo(1);
        assertThat(option.placement().beforeJobId()).isEqualTo("J-A");
        assertThat(option.eta()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
        assertThat(option.placement().delays()).extracting(d -> d.jobId()).containsExactly("J-A", "J-B");
        assertThat(option.placement().summary()).startsWith("1st of 3, before J-A").contains("J-A moves");
    }

    @Test
    void aPositionThatPushesALaterJobOutOfItsWindowIsNotTaken() {
        Classification normal = new Classification("X", Priority.NORMAL, "hvac", 1, null, null, null,
                Duration.ofMinutes(60), NOW.plus(Duration.ofHours(8)), false, "r");
        ArrivalWindow tight = new ArrivalWindow(NOW, NOW.plus(Duration.ofMinutes(20)));

        RankedOption option = rank(normal, TechnicianState.planned(List.of(routine("J-A", 10, tight))))
                .best().orElseThrow();

        assertThat(option.placement().position()).isEqualTo(2);
        assertThat(option.placement().afterJobId()).isEqualTo("J-A");
    }

    @Test
    void theJobsOwnWindowIsAHardRule() {
        Classification normal = new Classification("X", Priority.NORMAL, "hvac", 1, null, null, null,
                Duration.ofMinutes(60), NOW.plus(Duration.ofHours(8)), false, "r");
        var late = new io.dispatchgateway.core.model.Job("J-1", "default", "test", "EXT-1", "C-1", "No heat", null,
                Fixtures.SITE, null, null, List.of(), false, NOW, new ArrivalWindow(NOW, NOW.plus(Duration.ofMinutes(2))),
                null, null);
        Recommendation r = Fixtures.ranker(SETTINGS).rank(input(late, normal,
                customer(CustomerTier.SILVER, BigDecimal.ZERO, Set.of()),
                List.of(technician("T-1", Map.of("hvac", 3), 5)), Map.of(), List.of()), ON_TIME);

        assertThat(r.options()).isEmpty();
        assertThat(r.excluded().get(0).reasons()).extracting(e -> e.rule()).contains("arrival-window");
    }

    @Test
    void aProposalWaitingForApprovalHoldsItsPlace() {
        Classification normal = classification("hvac", 1, Priority.NORMAL, false);
        Visit proposed = routine("J-P", 5, null).withState(Visit.State.PROPOSED);

        RankedOption option = rank(normal, TechnicianState.planned(List.of(proposed))).best().orElseThrow();

        assertThat(option.placement().of()).isEqualTo(2);
        assertThat(option.eta()).isNotEqualTo(NOW.plus(Duration.ofMinutes(5)));
    }
}
