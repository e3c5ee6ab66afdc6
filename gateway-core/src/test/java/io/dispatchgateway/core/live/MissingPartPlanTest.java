package io.dispatchgateway.core.live;

import static io.dispatchgateway.core.Fixtures.NOW;
import static io.dispatchgateway.core.Fixtures.SITE;
import static io.dispatchgateway.core.Fixtures.north;
import static org.assertj.core.api.Assertions.assertThat;

import io.dispatchgateway.core.live.ExceptionRules.Outcome;
import io.dispatchgateway.core.model.Depot;
import io.dispatchgateway.core.model.RankedOption;
import io.dispatchgateway.core.model.Technician;
import io.dispatchgateway.core.port.TravelTimeMatrix;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MissingPartPlanTest {

    /** One kilometre a minute, straight line. */
    private static final TravelTimeMatrix KM_A_MINUTE = (origins, destination, departure) -> origins.stream()
            .map(o -> new TravelTimeMatrix.TravelTime(o.distanceKm(destination), o.distanceKm(destination), true))
            .toList();

    private static final Technician ON_SITE = technician("T-1", 0, Map.of());
    private static final Technician WITH_THE_PART = technician("T-2", 20, Map.of("VALVE-3", 1));

    private static Technician technician(String id, double kmNorth, Map<String, Integer> stock) {
        return new Technician(id, id, Map.of("plumbing", 3), List.of(), null, north(kmNorth), "central", stock, null,
                true, null);
    }

    private static MissingPartPlan.Situation valveMissing(Instant deadline) {
        return new MissingPartPlan.Situation(List.of("VALVE-3"), ON_SITE, "default", SITE.point(), deadline, NOW,
                NOW.plus(Duration.ofDays(2)));
    }

    private static RankedOption option(String technicianId, Instant eta) {
        return new RankedOption(technicianId, 1, 0.9, eta, 0.1, 20, true, List.of());
    }

    @Test
    void aDepotOnTheWayThatGetsThereInTimeIsAPickupWithItsArrival() {
        Depot near = new Depot("D-1", "North yard", north(5), Map.of("VALVE-3", 4));
        Depot empty = new Depot("D-2", "South yard", north(1), Map.of("VALVE-3", 0));

        MissingPartPlan.Planned planned = MissingPartPlan.plan(valveMissing(NOW.plus(Duration.ofHours(2))),
                List.of(near, empty), List.of(), id -> Optional.empty(), KM_A_MINUTE);

        assertThat(planned.decision().outcome()).isEqualTo(Outcome.PICKUP);
        assertThat(planned.decision().depotId()).isEqualTo("D-1");
        // 5 min there, 10 min at the counter, 5 min back
        assertThat(Duration.between(NOW, planned.decision().newEta()).toMinutes()).isEqualTo(20);
        assertThat(planned.source()).contains("depots: D-1 on site").doesNotContain("D-2");
    }

    @Test
    void anotherTenantsDepotIsNotUsedAndATruckWithThePartTakesTheJob() {
        Depot theirs = new Depot("D-9", "Their yard", north(1), Map.of("VALVE-3", 4), List.of("other-tenant"));
        Instant eta = NOW.plus(Duration.ofMinutes(25));

        MissingPartPlan.Planned planned = MissingPartPlan.plan(valveMissing(NOW.plus(Duration.ofHours(2))),
                List.of(theirs), List.of(option("T-1", NOW), option("T-2", eta)),
                id -> Optional.of(id.equals("T-2") ? WITH_THE_PART : ON_SITE), KM_A_MINUTE);

        assertThat(planned.decision().outcome()).isEqualTo(Outcome.REASSIGN);
        assertThat(planned.decision().technicianId()).isEqualTo("T-2");
        assertThat(planned.decision().newEta()).isEqualTo(eta);
        assertThat(planned.source()).contains("trucks: T-2 on site " + eta).doesNotContain("D-9");
    }

    @Test
    void withNoPartInReachTheJobPausesUntilRestock() {
        MissingPartPlan.Planned planned = MissingPartPlan.plan(valveMissing(NOW.plus(Duration.ofHours(2))),
                List.of(), List.of(option("T-1", NOW)), id -> Optional.of(ON_SITE), KM_A_MINUTE);

        assertThat(planned.decision().outcome()).isEqualTo(Outcome.PAUSE);
        assertThat(planned.decision().newEta()).isEqualTo(NOW.plus(Duration.ofDays(2)));
    }
}
