package io.dispatchgateway.optimizer;

import static org.assertj.core.api.Assertions.assertThat;

import io.dispatchgateway.core.model.Certification;
import io.dispatchgateway.core.model.Classification;
import io.dispatchgateway.core.model.Customer;
import io.dispatchgateway.core.model.CustomerTier;
import io.dispatchgateway.core.model.Entitlement;
import io.dispatchgateway.core.model.GeoPoint;
import io.dispatchgateway.core.model.Job;
import io.dispatchgateway.core.model.Location;
import io.dispatchgateway.core.model.Priority;
import io.dispatchgateway.core.model.Technician;
import io.dispatchgateway.core.plan.KnownLegs;
import io.dispatchgateway.core.plan.LegTimes;
import io.dispatchgateway.core.port.TravelTimeMatrix;
import io.dispatchgateway.core.plan.Visit;
import io.dispatchgateway.core.rank.CandidateRanker;
import io.dispatchgateway.core.rank.RankingInput;
import io.dispatchgateway.core.rank.RankingPolicy;
import io.dispatchgateway.core.rank.RankingSettings;
import io.dispatchgateway.core.rank.SlaRiskEstimator;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The optimizer on small plans around downtown Denver, where one kilometre is one minute's drive: it finds what
 * per-job ranking cannot (a swap), explains each move, and never proposes a plan that breaks a rule.
 */
class PlanOptimizerTest {

    private static final Instant NOW = Instant.parse("2026-11-23T16:00:00Z");
    private static final GeoPoint SITE = new GeoPoint(39.7447, -104.9903);
    private static final RankingSettings SETTINGS = new RankingSettings(ZoneId.of("America/Denver"), 10, 120, 5,
            Duration.ofMinutes(30), Duration.ofMinutes(30), false, new SlaRiskEstimator(Duration.ofMinutes(5), 0.25),
            10_000, 40);
    private static final CandidateRanker RANKER = CandidateRanker.standard(SETTINGS, LegTimes.straightLine(1.0, 60));
    private static final RankingPolicy ON_TIME = new RankingPolicy("on-time", null, Map.of("sla-risk", 1.0,
            "travel-time", 0.2), null);
    private static final Customer CUSTOMER = new Customer("C-1", "Glenarm Dental", CustomerTier.GOLD,
            new Location("1600 Glenarm Pl", SITE.lat(), SITE.lon()), "central", Entitlement.none(), null);
    private static final PlanOptimizer.Limits QUICK = new PlanOptimizer.Limits(Duration.ofSeconds(3),
            Duration.ofMillis(700), null, 1);

    private static GeoPoint north(double km) {
        return new GeoPoint(SITE.lat() + km / 111.195, SITE.lon());
    }

    private static Technician technician(String id, double kmNorth, Map<String, Integer> skills) {
        return new Technician(id, "Tech " + id, skills, List.of(new Certification("EPA-608", null)), null,
                north(kmNorth), "central", Map.of(), null, true, null);
    }

    private static OpenJob job(String id, double kmNorth, String skill, Duration due) {
        GeoPoint at = north(kmNorth);
        Job job = new Job(id, "default", "test", "EXT-" + id, "C-1", "No heat", null,
                new Location("site " + id, at.lat(), at.lon()), null, null, List.of(), false, NOW);
        Classification classification = new Classification("HVAC_HEATING", Priority.HIGH, skill, 1, null, null, null,
                Duration.ofMinutes(30), NOW.plus(due), false, "test");
        return new OpenJob(new RankingInput(job, classification, CUSTOMER, NOW, List.of(), Map.of(), Map.of(),
                List.of()), ON_TIME, Visit.proposed(job, classification).withState(Visit.State.ASSIGNED));
    }

    private static OptimizationProblem problem(List<Technician> technicians, Map<String, List<OpenJob>> plans,
            List<OpenJob> unplaced) {
        Map<String, List<Visit>> visits = new HashMap<>();
        Map<String, OpenJob> jobs = new HashMap<>();
        plans.forEach((technician, list) -> {
            visits.put(technician, list.stream().map(OpenJob::visit).toList());
            list.forEach(j -> jobs.put(j.id(), j));
        });
        unplaced.forEach(j -> jobs.put(j.id(), j));
        return new OptimizationProblem(NOW, technicians, visits, jobs, List.of());
    }

    @Test
    void aSwapBetweenTwoTechniciansSavesBothDeadlines() {
        // T-1 sits at the site of J-B and drives 40 min to J-A; T-2 the other way round. Both due in 20 min.
        OpenJob a = job("J-A", 40, "hvac", Duration.ofMinutes(20));
        OpenJob b = job("J-B", 0, "hvac", Duration.ofMinutes(20));
        OptimizationProblem problem = problem(List.of(technician("T-1", 0, Map.of("hvac", 3)),
                technician("T-2", 40, Map.of("hvac", 3))), Map.of("T-1", List.of(a), "T-2", List.of(b)), List.of());

        Optimization result = new PlanOptimizer(RANKER).optimize(problem, QUICK);

        assertThat(result.plans().get("T-1")).containsExactly("J-B");
        assertThat(result.plans().get("T-2")).containsExactly("J-A");
        assertThat(result.moves()).extracting(Optimization.Move::jobId).containsExactlyInAnyOrder("J-A", "J-B");
        Optimization.Move moveA = result.moves().stream().filter(m -> m.jobId().equals("J-A")).findFirst()
                .orElseThrow();
        assertThat(moveA.reassigns()).isTrue();
        assertThat(moveA.fromTechnicianId()).isEqualTo("T-1");
        assertThat(moveA.arrivalBefore()).isEqualTo(NOW.plus(Duration.ofMinutes(40)));
        assertThat(moveA.arrivalAfter()).isEqualTo(NOW);
        assertThat(moveA.reason()).startsWith("moves from T-1 to T-2, 1st in the plan: arrives Mon 09:00")
                .contains("on time instead of late");
        assertThat(moveA.change()).containsKey("sla-risk");
        assertThat(moveA.change().get("sla-risk")).isPositive();
        assertThat(result.after().objectives()).isGreaterThan(result.before().objectives());
        assertThat(result.after().hardBroken()).isZero();
    }

    @Test
    void noProposalBreaksARuleAndAJobNobodyMayTakeStaysUnplaced() {
        // J-G needs gas, which only T-1 has, and T-1 is far; J-X needs a skill nobody has.
        OpenJob gas = job("J-G", 35, "gas", Duration.ofMinutes(20));
        OpenJob nobody = job("J-X", 35, "elevators", Duration.ofHours(4));
        OpenJob routine = job("J-R", 35, "hvac", Duration.ofHours(4));
        OptimizationProblem problem = problem(List.of(technician("T-1", 0, Map.of("gas", 3, "hvac", 3)),
                technician("T-2", 40, Map.of("hvac", 3))), Map.of("T-1", List.of(routine, gas)),
                List.of(nobody));

        Optimization result = new PlanOptimizer(RANKER).optimize(problem, QUICK);

        assertThat(result.plans().get("T-2")).doesNotContain("J-G");
        assertThat(result.plans().get("T-1")).contains("J-G");
        assertThat(result.unassigned()).containsExactly("J-X");
        assertThat(result.after().hardBroken()).isZero();
        // The gas job, due first, goes before the routine one next door (no drive between them, still on time).
        assertThat(result.plans().get("T-1")).containsExactly("J-G", "J-R");
    }

    @Test
    void theSameProblemSeedAndMoveCountGiveTheSamePlans() {
        OpenJob a = job("J-A", 40, "hvac", Duration.ofMinutes(20));
        OpenJob b = job("J-B", 0, "hvac", Duration.ofMinutes(20));
        OpenJob c = job("J-C", 20, "hvac", Duration.ofMinutes(90));
        OptimizationProblem problem = problem(List.of(technician("T-1", 0, Map.of("hvac", 3)),
                technician("T-2", 40, Map.of("hvac", 3))), Map.of("T-1", List.of(a, c), "T-2", List.of(b)),
                List.of());
        PlanOptimizer optimizer = new PlanOptimizer(RANKER);

        Optimization first = optimizer.optimize(problem, QUICK);
        Optimization replay = optimizer.optimize(problem, new PlanOptimizer.Limits(null, null, first.evaluated(), 1));

        assertThat(replay.plans()).isEqualTo(first.plans());
        assertThat(replay.after()).isEqualTo(first.after());
    }

    @Test
    void plansAreLaidOutWithTheTimesTheRoutingProviderAlreadyMeasured() {
        // T-1 is 2 km from J-A, T-2 is 8 km; the estimate sends T-1. The provider measured T-1's drive at 75 min
        // (the bridge between is closed), and the optimizer uses that without asking it anything new.
        OpenJob a = job("J-A", 2, "hvac", Duration.ofMinutes(30));
        Technician near = technician("T-1", 0, Map.of("hvac", 3));
        Technician far = technician("T-2", 10, Map.of("hvac", 3));
        OptimizationProblem problem = problem(List.of(near, far), Map.of("T-1", List.of(a)), List.of());
        List<String> asked = new java.util.ArrayList<>();
        TravelTimeMatrix provider = new TravelTimeMatrix() {
            @Override
            public List<TravelTime> travelTimes(List<GeoPoint> origins, GeoPoint destination, Instant departure) {
                asked.add("travelTimes");
                throw new AssertionError("the optimizer must not send requests to the routing provider");
            }

            @Override
            public TravelTime known(GeoPoint origin, GeoPoint destination, Instant departure) {
                return origin.equals(near.currentPosition()) && destination.equals(a.visit().site())
                        ? new TravelTime(75, 2, false) : null;
            }
        };

        Optimization estimated = new PlanOptimizer(RANKER).optimize(problem, QUICK);
        Optimization measured = new PlanOptimizer(RANKER, provider).optimize(problem, QUICK);

        assertThat(estimated.plans().get("T-1")).containsExactly("J-A");
        assertThat(estimated.measuredLegs()).isEmpty();
        assertThat(measured.plans().get("T-2")).containsExactly("J-A");
        assertThat(measured.measuredLegs()).extracting(KnownLegs.Leg::minutes).containsExactly(75.0);
        Optimization.Move move = measured.moves().get(0);
        assertThat(move.arrivalBefore()).isEqualTo(NOW.plus(Duration.ofMinutes(75)));
        assertThat(move.arrivalAfter()).isEqualTo(NOW.plus(Duration.ofMinutes(8)));
        assertThat(asked).isEmpty();
        // Replayed with the legs it recorded (and no provider), it lays the plans out alike.
        Optimization replay = new PlanOptimizer(RANKER).replay(problem, new PlanOptimizer.Limits(null, null,
                measured.evaluated(), 1), measured.measuredLegs());
        assertThat(replay.plans()).isEqualTo(measured.plans());
        assertThat(replay.moves().get(0).arrivalBefore()).isEqualTo(move.arrivalBefore());
    }
}
