package io.dispatchgateway.core.rank;

import static io.dispatchgateway.core.Fixtures.NOW;
import static io.dispatchgateway.core.Fixtures.SETTINGS;
import static io.dispatchgateway.core.Fixtures.classification;
import static io.dispatchgateway.core.Fixtures.customer;
import static io.dispatchgateway.core.Fixtures.input;
import static io.dispatchgateway.core.Fixtures.job;
import static io.dispatchgateway.core.Fixtures.technician;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.dispatchgateway.core.model.Classification;
import io.dispatchgateway.core.model.Customer;
import io.dispatchgateway.core.model.CustomerTier;
import io.dispatchgateway.core.model.Entitlement;
import io.dispatchgateway.core.model.PenaltyTerms;
import io.dispatchgateway.core.model.Priority;
import io.dispatchgateway.core.model.RankedOption;
import io.dispatchgateway.core.model.ScoreComponent;
import io.dispatchgateway.core.model.Technician;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each objective: which way is better, and the scale it maps onto 0..1. */
class ObjectivesTest {

    private static final Classification HVAC = classification("hvac", 2, Priority.NORMAL, false);

    private final CandidateRanker ranker = io.dispatchgateway.core.Fixtures.ranker(SETTINGS);

    @Test
    void travelTimeScoresShorterTripsHigherOnTheMaxTravelScale() {
        Map<String, ScoreComponent> near = components(List.of(technician("T-1", Map.of("hvac", 3), 12)), "T-1");

        assertThat(near.get("travel-time").raw()).isCloseTo(12.0, within(0.01));
        assertThat(near.get("travel-time").normalized()).isCloseTo(1 - 12.0 / 120, within(0.001));
        assertThat(best("travel-time", technician("T-near", Map.of("hvac", 3), 5),
                technician("T-far", Map.of("hvac", 3), 50))).isEqualTo("T-near");
    }

    @Test
    void slaRiskFallsAsTheArrivalMovesAwayFromTheDeadline() {
        // Deadline in 30 minutes: 10 minutes away is safe, 30 minutes away is a coin toss.
        Classification tight = new Classification("X", Priority.HIGH, "hvac", 1, null, null, null,
                Duration.ofHours(1), NOW.plus(Duration.ofMinutes(30)), false, "r");
        var input = input(job("x"), tight, customer(CustomerTier.SILVER, BigDecimal.ZERO, Set.of()),
                List.of(technician("T-10", Map.of("hvac", 3), 10), technician("T-30", Map.of("hvac", 3), 30)),
                Map.of(), List.of());
        var options = ranker.rank(input, policy("sla-risk")).options();

        assertThat(options).extracting(RankedOption::technicianId).containsExactly("T-10", "T-30");
        assertThat(options.get(1).breachProbability()).isCloseTo(0.5, within(0.001));
        // 20 minutes early with sigma 5 + 0.25 x 10 = 7.5 minutes: z = 2.67, P = 0.0038.
        assertThat(options.get(0).breachProbability()).isCloseTo(0.0038, within(0.0002));
        assertThat(component(options.get(0), "sla-risk").normalized()).isCloseTo(1 - 0.0038, within(0.0002));
    }

    @Test
    void skillFitPrefersTheMostOrTheLeastQualifiedAsThePolicySays() {
        List<Technician> both = List.of(technician("T-expert", Map.of("hvac", 5), 5),
                technician("T-enough", Map.of("hvac", 2), 5));
        RankingPolicy most = new RankingPolicy("most", null, Map.of("skill-fit", 1.0),
                RankingPolicy.SkillPreference.MOST_QUALIFIED);
        RankingPolicy least = new RankingPolicy("least", null, Map.of("skill-fit", 1.0),
                RankingPolicy.SkillPreference.LEAST_QUALIFIED);

        var byMost = ranker.rank(input(HVAC, both), most).options();
        var byLeast = ranker.rank(input(HVAC, both), least).options();

        assertThat(byMost.get(0).technicianId()).isEqualTo("T-expert");
        assertThat(component(byMost.get(0), "skill-fit").normalized()).isEqualTo(1.0);
        assertThat(byLeast.get(0).technicianId()).isEqualTo("T-enough");
        // level 5 with minimum 2: 1 - (5 - 2) / (5 - 2) = 0
        assertThat(component(byLeast.get(1), "skill-fit").normalized()).isEqualTo(0.0);
    }

    @Test
    void penaltyIsTheExpectedCostOnThePenaltyScale() {
        Classification tight = new Classification("X", Priority.HIGH, "hvac", 1, null, null, null,
                Duration.ofHours(1), NOW.plus(Duration.ofMinutes(30)), false, "r");
        Customer costly = io.dispatchgateway.core.Fixtures.customer(new Entitlement(Map.of(),
                new PenaltyTerms(new BigDecimal("4000"), BigDecimal.ZERO, "USD"), Set.of(), Set.of(), null), null);
        var input = input(job("x"), tight, costly, List.of(technician("T-30", Map.of("hvac", 3), 30)), Map.of(),
                List.of());

        ScoreComponent penalty = component(ranker.rank(input, policy("penalty")).options().get(0), "penalty");

        assertThat(penalty.raw()).isCloseTo(2000, within(1.0)); // 50 % x 4000
        assertThat(penalty.normalized()).isCloseTo(0.8, within(0.001)); // 1 - 2000 / 10000
    }

    @Test
    void customerPriorityWeighsQuickArrivalByTier() {
        Technician t = technician("T-1", Map.of("hvac", 3), 60);
        var platinum = input(job("x"), HVAC, customer(CustomerTier.PLATINUM, BigDecimal.ZERO, Set.of()), List.of(t),
                Map.of(), List.of());
        var standard = input(job("x"), HVAC, customer(CustomerTier.STANDARD, BigDecimal.ZERO, Set.of()), List.of(t),
                Map.of(), List.of());

        // 60 of 120 minutes away: 1 - factor x 0.5
        assertThat(component(ranker.rank(platinum, policy("customer-priority")).options().get(0),
                "customer-priority").normalized()).isCloseTo(0.5, within(0.001));
        assertThat(component(ranker.rank(standard, policy("customer-priority")).options().get(0),
                "customer-priority").normalized()).isCloseTo(0.875, within(0.001));
    }

    @Test
    void workloadFavoursTheLessBusyOnTheDailyCapacityScale() {
        var input = input(job("x"), HVAC, customer(CustomerTier.SILVER, BigDecimal.ZERO, Set.of()),
                List.of(technician("T-busy", Map.of("hvac", 3), 5), technician("T-free", Map.of("hvac", 3), 5)),
                Map.of("T-busy", io.dispatchgateway.core.Fixtures.busy(2)), List.of());

        var options = ranker.rank(input, policy("workload")).options();

        assertThat(options.get(0).technicianId()).isEqualTo("T-free");
        assertThat(component(options.get(1), "workload").normalized()).isCloseTo(0.6, within(0.001)); // 1 - 2/5
    }

    @Test
    void preferredTechnicianScoresOne() {
        Customer prefers = io.dispatchgateway.core.Fixtures.customer(new Entitlement(Map.of(), PenaltyTerms.NONE,
                Set.of("T-2"), Set.of(), null), null);
        var input = input(job("x"), HVAC, prefers, List.of(technician("T-1", Map.of("hvac", 3), 5),
                technician("T-2", Map.of("hvac", 3), 5)), Map.of(), List.of());

        var options = ranker.rank(input, policy("preferred-technician")).options();

        assertThat(options.get(0).technicianId()).isEqualTo("T-2");
        assertThat(component(options.get(0), "preferred-technician").normalized()).isEqualTo(1.0);
        assertThat(component(options.get(1), "preferred-technician").normalized()).isEqualTo(0.0);
    }

    @Test
    void firstTimeFixCombinesPartsOnTheTruckAndTheRecord() {
        Technician stocked = new Technician("T-stock", "S", Map.of("hvac", 3), List.of(), null,
                technician("x", Map.of(), 5).homeBase(), null, Map.of("VALVE", 1), null, true, null);
        Technician proven = technician("T-proven", Map.of("hvac", 3), 5);
        var depots = List.of(new io.dispatchgateway.core.model.Depot("D", "D", technician("x", Map.of(), 5)
                .homeBase(), Map.of("VALVE", 5)));
        var input = input(job("x", List.of("VALVE")), HVAC, customer(CustomerTier.SILVER, BigDecimal.ZERO, Set.of()),
                List.of(stocked, proven), Map.of("T-proven", new TechnicianState(List.of(), 8, 8)), depots);

        var options = ranker.rank(input, policy("first-time-fix")).options();

        // stocked: 0.5 x 1 + 0.5 x (0 + 1) / (0 + 2) = 0.75; proven: 0.5 x 0 + 0.5 x 9 / 10 = 0.45
        assertThat(component(options.get(0), "first-time-fix").raw()).isCloseTo(0.75, within(0.001));
        assertThat(options.get(0).technicianId()).isEqualTo("T-stock");
        assertThat(component(options.get(1), "first-time-fix").raw()).isCloseTo(0.45, within(0.001));
    }

    @Test
    void overtimeScoresZeroAtTheAllowance() {
        var shift = new io.dispatchgateway.core.model.Shift(Set.of(java.time.DayOfWeek.MONDAY),
                java.time.LocalTime.of(7, 0), java.time.LocalTime.of(10, 0));
        Technician t = technician("T-1", Map.of("hvac", 3), 15);
        Technician late = new Technician(t.id(), t.name(), t.skills(), t.certifications(), shift, t.homeBase(),
                t.territory(), Map.of(), null, true, null);

        ScoreComponent overtime = component(ranker.rank(input(HVAC, List.of(late)), policy("overtime")).options()
                .get(0), "overtime");

        // arrives 09:15, finishes 10:15, home at 10:30: 30 of 30 allowed minutes
        assertThat(overtime.raw()).isCloseTo(30, within(0.01));
        assertThat(overtime.normalized()).isCloseTo(0.0, within(0.001));
    }

    @Test
    void scoreIsTheSumOfContributionsAndEveryObjectiveIsShown() {
        RankingPolicy policy = new RankingPolicy("mix", null, Map.of("travel-time", 0.6, "workload", 0.4), null);
        RankedOption option = ranker.rank(input(HVAC, List.of(technician("T-1", Map.of("hvac", 3), 12))), policy)
                .options().get(0);

        assertThat(option.components()).extracting(ScoreComponent::name).containsExactly("sla-risk", "travel-time",
                "skill-fit", "penalty", "customer-priority", "workload", "preferred-technician", "first-time-fix",
                "overtime", "knock-on");
        assertThat(option.score()).isCloseTo(option.components().stream().mapToDouble(ScoreComponent::contribution)
                .sum(), within(0.0005));
        assertThat(option.score()).isCloseTo(0.6 * 0.9 + 0.4 * 1.0, within(0.001));
    }

    private String best(String objective, Technician... technicians) {
        return ranker.rank(input(HVAC, List.of(technicians)), policy(objective)).options().get(0).technicianId();
    }

    private Map<String, ScoreComponent> components(List<Technician> technicians, String id) {
        RankedOption option = ranker.rank(input(HVAC, technicians), policy("travel-time")).option(id).orElseThrow();
        return option.components().stream().collect(java.util.stream.Collectors.toMap(ScoreComponent::name, c -> c));
    }

    private static ScoreComponent component(RankedOption option, String name) {
        return option.components().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private static RankingPolicy policy(String objective) {
        return new RankingPolicy(objective, null, Map.of(objective, 1.0), null);
    }
}
