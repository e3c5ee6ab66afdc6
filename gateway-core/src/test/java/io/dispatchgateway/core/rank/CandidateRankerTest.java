package io.dispatchgateway.core.rank;

import static io.dispatchgateway.core.Fixtures.NOW;
import static io.dispatchgateway.core.Fixtures.classification;
import static io.dispatchgateway.core.Fixtures.customer;
import static io.dispatchgateway.core.Fixtures.job;
import static io.dispatchgateway.core.Fixtures.technician;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.dispatchgateway.core.model.Certification;
import io.dispatchgateway.core.model.Classification;
import io.dispatchgateway.core.model.CustomerTier;
import io.dispatchgateway.core.model.ExclusionReason;
import io.dispatchgateway.core.model.Priority;
import io.dispatchgateway.core.model.RankedOption;
import io.dispatchgateway.core.model.Recommendation;
import io.dispatchgateway.core.model.ScoreComponent;
import io.dispatchgateway.core.model.Technician;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CandidateRankerTest {

    private static final RankingPolicy POLICY = new RankingPolicy("balanced",
            Map.of("travel-time", 0.5, "workload", 0.3, "skill-fit", 0.2));

    // 1.0 circuity at 60 km/h: one kilometre is one minute, which keeps the arithmetic checkable.
    private final CandidateRanker ranker = new CandidateRanker(HardConstraints.defaults(ZoneOffset.UTC),
            Objectives.defaults(60, 5), new StraightLineTravelTimes(1.0, 60));

    @Test
    void scoresAreTheSumOfWeightedNormalizedObjectives() {
        Technician near = technician("T-near", Map.of("hvac", 3), 6);   // 6 min away, level 3
        RankingRequest request = request(List.of(near), Map.of("T-near", 1), classification("hvac", 1,
                Priority.NORMAL, false));

        RankedOption option = ranker.rank(request, POLICY).options().get(0);

        // travel 1 - 6/60 = 0.9 (x0.5 = 0.45); workload 1 - 1/5 = 0.8 (x0.3 = 0.24); skill 3/5 = 0.6 (x0.2 = 0.12)
        assertThat(option.score()).isCloseTo(0.81, within(0.001));
        assertThat(option.components()).extracting(ScoreComponent::name)
                .containsExactly("travel-time", "workload", "skill-fit");
        assertThat(option.components().get(0).raw()).isCloseTo(6.0, within(0.01));
        assertThat(option.components().get(1).contribution()).isCloseTo(0.24, within(0.0001));
        assertThat(option.travelEstimated()).isTrue();
    }

    @Test
    void closerAndLessBusyTechnicianRanksFirst() {
        Technician far = technician("T-far", Map.of("hvac", 3), 30);
        Technician near = technician("T-near", Map.of("hvac", 3), 3);
        Technician busyNear = technician("T-busy", Map.of("hvac", 3), 3);
        RankingRequest request = request(List.of(far, near, busyNear), Map.of("T-busy", 3),
                classification("hvac", 1, Priority.NORMAL, false));

        List<RankedOption> options = ranker.rank(request, POLICY).options();

        assertThat(options).extracting(RankedOption::technicianId).containsExactly("T-near", "T-busy", "T-far");
        assertThat(options).extracting(RankedOption::rank).containsExactly(1, 2, 3);
    }

    @Test
    void everyFailedRuleIsListedForAnExcludedTechnician() {
        Technician expiredAndUnskilled = new Technician("T-x", "X", Map.of("hvac", 1),
                List.of(new Certification("EPA-608", LocalDate.parse("2026-10-01"))), null,
                technician("T", Map.of(), 1).homeBase(), "north", Map.of(), null, true, null);
        Classification needsCert = new Classification("HVAC_COOLING", Priority.HIGH, "hvac", 3, "EPA-608",
                java.time.Duration.ofHours(1), NOW.plusSeconds(3600), false, "r");
        RankingRequest request = new RankingRequest(job("AC not cooling"), needsCert,
                customer(CustomerTier.GOLD, BigDecimal.ZERO, Set.of("T-x")), List.of(expiredAndUnskilled), Map.of(),
                NOW);

        Recommendation recommendation = ranker.rank(request, POLICY);

        assertThat(recommendation.options()).isEmpty();
        assertThat(recommendation.excluded()).singleElement().satisfies(e -> assertThat(e.reasons())
                .containsExactly(
                        new ExclusionReason("skill", "skill hvac at level 1, level 3 required"),
                        new ExclusionReason("certification", "EPA-608 expired 2026-10-01"),
                        new ExclusionReason("customer-exclusion", "excluded by customer C-1")));
    }

    @Test
    void inactiveTechnicianAndTechnicianWithoutTheSkillAreExcluded() {
        Technician inactive = new Technician("T-off", "Off", Map.of("hvac", 5), List.of(), null,
                technician("T", Map.of(), 1).homeBase(), "north", Map.of(), null, false, null);
        Technician plumber = technician("T-plumb", Map.of("plumbing", 4), 1);
        RankingRequest request = request(List.of(inactive, plumber), Map.of(),
                classification("hvac", 2, Priority.NORMAL, false));

        Recommendation recommendation = ranker.rank(request, POLICY);

        assertThat(recommendation.excluded()).extracting(e -> e.reasons().get(0).detail())
                .containsExactly("technician is marked inactive", "lacks skill hvac (level 2 required)");
    }

    @Test
    void fallbackIsTheBestOptionOtherThanTheChosenOne() {
        RankingRequest request = request(List.of(technician("T-1", Map.of("hvac", 3), 1),
                technician("T-2", Map.of("hvac", 3), 2), technician("T-3", Map.of("hvac", 3), 3)), Map.of(),
                classification("hvac", 1, Priority.NORMAL, false));

        Recommendation recommendation = ranker.rank(request, POLICY);

        assertThat(recommendation.fallbackFor("T-1")).get().extracting(RankedOption::technicianId).isEqualTo("T-2");
        assertThat(recommendation.fallbackFor("T-2")).get().extracting(RankedOption::technicianId).isEqualTo("T-1");
    }

    private static RankingRequest request(List<Technician> technicians, Map<String, Integer> load,
            Classification classification) {
        return new RankingRequest(job("No heat"), classification,
                customer(CustomerTier.SILVER, BigDecimal.ZERO, Set.of()), technicians, load, NOW);
    }
}
