package io.dispatchgateway.core.rank;

import static io.dispatchgateway.core.Fixtures.NOW;
import static io.dispatchgateway.core.Fixtures.SETTINGS;
import static io.dispatchgateway.core.Fixtures.classification;
import static io.dispatchgateway.core.Fixtures.customer;
import static io.dispatchgateway.core.Fixtures.job;
import static io.dispatchgateway.core.Fixtures.technician;
import static org.assertj.core.api.Assertions.assertThat;

import io.dispatchgateway.core.model.CustomerTier;
import io.dispatchgateway.core.model.GeoPoint;
import io.dispatchgateway.core.model.Priority;
import io.dispatchgateway.core.model.Technician;
import io.dispatchgateway.core.port.TravelTimeMatrix;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RankingInputAssemblerTest {

    private static final RankingPolicy TRAVEL = new RankingPolicy("travel", null, Map.of("travel-time", 1.0), null);

    @Test
    void onlyTheTopOptionsOnTheEstimateAreMeasuredAndTheyAreMarkedMeasured() {
        List<Technician> technicians = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            technicians.add(technician(String.format("T-%02d", i), Map.of("hvac", 3), i));
        }
        List<Integer> asked = new ArrayList<>();
        // A "road" that doubles every trip, so measured times are told apart from estimates.
        TravelTimeMatrix roads = (List<GeoPoint> origins, GeoPoint destination, Instant departure) -> {
            asked.add(origins.size());
            return origins.stream().map(o -> new TravelTimeMatrix.TravelTime(o.distanceKm(destination) * 2, 0, false))
                    .toList();
        };
        CandidateRanker ranker = io.dispatchgateway.core.Fixtures.ranker(SETTINGS);
        RankingInputAssembler assembler = new RankingInputAssembler(new StraightLineTravelTimes(1.0, 60), roads,
                ranker, 5);

        RankingInput input = assembler.assemble(job("No heat"), classification("hvac", 1, Priority.NORMAL, false),
                customer(CustomerTier.SILVER, BigDecimal.ZERO, Set.of()), technicians, Map.of(), List.of(), NOW, TRAVEL);

        assertThat(asked).containsExactly(5);
        assertThat(input.travel().entrySet()).filteredOn(e -> !e.getValue().estimated())
                .extracting(Map.Entry::getKey).containsExactlyInAnyOrder("T-01", "T-02", "T-03", "T-04", "T-05");
        assertThat(input.travel().get("T-01").minutes()).isCloseTo(2.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(input.travel().get("T-06").estimated()).isTrue();
        var options = ranker.rank(input, TRAVEL).options();
        assertThat(options.get(0).travelEstimated()).isFalse();
    }

    @Test
    void withoutARoutingProviderNothingIsMeasured() {
        StraightLineTravelTimes estimate = new StraightLineTravelTimes(1.0, 60);
        RankingInput input = new RankingInputAssembler(estimate, estimate, io.dispatchgateway.core.Fixtures.ranker(SETTINGS), 5)
                .assemble(job("No heat"), classification("hvac", 1, Priority.NORMAL, false),
                        customer(CustomerTier.SILVER, BigDecimal.ZERO, Set.of()),
                        List.of(technician("T-1", Map.of("hvac", 3), 3)), Map.of(), List.of(), NOW, TRAVEL);

        assertThat(input.travel().get("T-1").estimated()).isTrue();
    }
}
