package io.dispatchgateway.core.rank;

import static io.dispatchgateway.core.Fixtures.SETTINGS;
import static io.dispatchgateway.core.Fixtures.classification;
import static io.dispatchgateway.core.Fixtures.customer;
import static io.dispatchgateway.core.Fixtures.input;
import static io.dispatchgateway.core.Fixtures.job;
import static io.dispatchgateway.core.Fixtures.technician;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dispatchgateway.core.model.CustomerTier;
import io.dispatchgateway.core.model.Priority;
import io.dispatchgateway.core.model.RankedOption;
import io.dispatchgateway.core.model.Recommendation;
import io.dispatchgateway.core.model.Technician;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicyAndDeterminismTest {

    private static final RankingPolicy MINIMIZE_TRAVEL = new RankingPolicy("minimize-travel", null,
            Map.of("travel-time", 0.8, "skill-fit", 0.2), null);
    private static final RankingPolicy SKILL_FIRST = new RankingPolicy("skill-first", null,
            Map.of("travel-time", 0.2, "skill-fit", 0.8), null);

    private final CandidateRanker ranker = io.dispatchgateway.core.Fixtures.ranker(SETTINGS);

    @Test
    void policiesChangeTheOrderTheWayTheirWeightsSay() {
        // T-near: 5 min, level 2. T-expert: 40 min, level 5.
        List<Technician> technicians = List.of(technician("T-near", Map.of("hvac", 2), 5),
                technician("T-expert", Map.of("hvac", 5), 40));
        RankingInput input = input(classification("hvac", 1, Priority.NORMAL, false), technicians);

        // minimize-travel: near 0.8 x 0.958 + 0.2 x 0.4 = 0.847; expert 0.8 x 0.667 + 0.2 x 1 = 0.733
        assertThat(ids(ranker.rank(input, MINIMIZE_TRAVEL))).containsExactly("T-near", "T-expert");
        // skill-first: near 0.2 x 0.958 + 0.8 x 0.4 = 0.512; expert 0.2 x 0.667 + 0.8 x 1 = 0.933
        assertThat(ids(ranker.rank(input, SKILL_FIRST))).containsExactly("T-expert", "T-near");
    }

    @Test
    void theStoredSnapshotLeavesOutTheUnqualifiedAndItsReplayGivesTheWholeRecommendationAgain() {
        List<Technician> technicians = List.of(technician("T-near", Map.of("hvac", 2), 5),
                technician("T-plumber", Map.of("plumbing", 5), 3), technician("T-far", Map.of("hvac", 5), 130),
                technician("T-expert", Map.of("hvac", 5), 40));
        RankingInput input = input(classification("hvac", 1, Priority.NORMAL, false), technicians);
        Recommendation recorded = ranker.rank(input, MINIMIZE_TRAVEL);

        RankingInput snapshot = ranker.replayable(input, recorded);

        // The plumber lacks the skill (a rule that needs no plan); the far one passes it and fails on the drive.
        assertThat(snapshot.technicians()).extracting(Technician::id).containsExactly("T-near", "T-far", "T-expert");
        assertThat(snapshot.travel()).doesNotContainKey("T-plumber");
        Recommendation replayed = ranker.replay(snapshot, MINIMIZE_TRAVEL, recorded);
        assertThat(replayed.options()).isEqualTo(recorded.options());
        assertThat(replayed.excluded()).isEqualTo(recorded.excluded());
        assertThat(replayed.excluded()).extracting(e -> e.technicianId()).containsExactly("T-far", "T-plumber");
        assertThat(replayed.eligible()).isEqualTo(recorded.eligible());
    }

    @Test
    void catalogChoosesByPriorityCategoryTierAndTenantThenTheDefault() {
        PolicyCatalog catalog = new PolicyCatalog(List.of(MINIMIZE_TRAVEL, SKILL_FIRST,
                new RankingPolicy("emergency", null, Map.of("sla-risk", 1.0), null)),
                List.of(new PolicyCatalog.Selector(null, Set.of(Priority.CRITICAL), null, null, "emergency"),
                        new PolicyCatalog.Selector(Set.of("HVAC_HEATING"), null, Set.of(CustomerTier.PLATINUM), null,
                                "skill-first"),
                        new PolicyCatalog.Selector(null, null, null, Set.of("acme"), "skill-first")),
                "minimize-travel");
        var silver = customer(CustomerTier.SILVER, BigDecimal.ZERO, Set.of());
        var platinum = customer(CustomerTier.PLATINUM, BigDecimal.ZERO, Set.of());

        assertThat(catalog.select(job("x"), classification("h", 1, Priority.CRITICAL, false), silver).name())
                .isEqualTo("emergency");
        assertThat(catalog.select(job("x"), classification("h", 1, Priority.HIGH, false), platinum).name())
                .isEqualTo("skill-first");
        assertThat(catalog.select(job("x"), classification("h", 1, Priority.HIGH, false), silver).name())
                .isEqualTo("minimize-travel");
        var acmeJob = new io.dispatchgateway.core.model.Job("J", "acme", "s", "E", "C-1", "x", null,
                io.dispatchgateway.core.Fixtures.SITE, null, null, List.of(), false, io.dispatchgateway.core.Fixtures.NOW);
        assertThat(catalog.select(acmeJob, classification("h", 1, Priority.LOW, false), silver).name())
                .isEqualTo("skill-first");
    }

    @Test
    void catalogRefusesSelectorsNamingUnknownPolicies() {
        assertThatThrownBy(() -> new PolicyCatalog(List.of(MINIMIZE_TRAVEL),
                List.of(new PolicyCatalog.Selector(null, null, null, null, "nope")), "minimize-travel"))
                .hasMessageContaining("'nope'");
        assertThatThrownBy(() -> new PolicyCatalog(List.of(MINIMIZE_TRAVEL), List.of(), "balanced"))
                .hasMessageContaining("'balanced'");
    }

    @Test
    void sameSnapshotAndPolicyGiveTheSameRankingWhateverTheTechnicianOrder() {
        List<Technician> technicians = new ArrayList<>();
        Random random = new Random(7);
        for (int i = 0; i < 60; i++) {
            // Pairs at identical distance and skill tie on score and travel: the id decides.
            technicians.add(technician(String.format("T-%03d", i), Map.of("hvac", 1 + random.nextInt(5)),
                    (i / 2) % 20 + 1));
        }
        RankingInput input = input(classification("hvac", 1, Priority.NORMAL, false), technicians);
        List<Technician> shuffled = new ArrayList<>(technicians);
        Collections.shuffle(shuffled, random);
        RankingInput reordered = new RankingInput(input.job(), input.classification(), input.customer(), input.at(),
                shuffled, input.states(), input.travel(), input.depots());

        Recommendation first = ranker.rank(input, MINIMIZE_TRAVEL);

        assertThat(ranker.rank(input, MINIMIZE_TRAVEL)).isEqualTo(first);
        assertThat(ranker.rank(reordered, MINIMIZE_TRAVEL)).isEqualTo(first);
        assertThat(first.options()).hasSize(SETTINGS.maxOptions());
        assertThat(first.eligible()).isEqualTo(60);
    }

    @Test
    void whatIfWeightsOverrideOnlyTheNamedObjectives() {
        RankingPolicy whatIf = MINIMIZE_TRAVEL.withWeights(Map.of("skill-fit", 0.9));

        assertThat(whatIf.weight("skill-fit")).isEqualTo(0.9);
        assertThat(whatIf.weight("travel-time")).isEqualTo(0.8);
        assertThatThrownBy(() -> MINIMIZE_TRAVEL.withWeights(Map.of("travel-time", -1.0)))
                .hasMessageContaining("travel-time");
    }

    private static List<String> ids(Recommendation recommendation) {
        return recommendation.options().stream().map(RankedOption::technicianId).toList();
    }

    @Test
    void givenWeightsAreCheckedFieldByFieldAgainstTheKnownObjectives() {
        java.util.Map<String, Double> weights = new java.util.LinkedHashMap<>();
        weights.put("travel-time", 2.0);
        weights.put("travle-time", 1.0);
        weights.put("sla-risk", -1.0);
        weights.put("workload", null);

        var problems = RankingPolicy.problems(weights, java.util.List.of("travel-time", "sla-risk", "workload"));

        assertThat(problems).extracting(p -> p.field() + " " + p.message()).containsExactly(
                "weights.travle-time is not an objective; known: [travel-time, sla-risk, workload]",
                "weights.sla-risk must be zero or more", "weights.workload must be zero or more");
        assertThat(RankingPolicy.problems(java.util.Map.of("travel-time", 0.0), java.util.List.of("travel-time")))
                .isEmpty();
    }
}
