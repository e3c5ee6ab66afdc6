package io.dispatchgateway.optimizer;

import ai.timefold.solver.core.api.solver.Solver;
import ai.timefold.solver.core.api.solver.SolverFactory;
import ai.timefold.solver.core.config.constructionheuristic.ConstructionHeuristicPhaseConfig;
import ai.timefold.solver.core.config.localsearch.LocalSearchPhaseConfig;
import ai.timefold.solver.core.config.localsearch.decider.acceptor.LocalSearchAcceptorConfig;
import ai.timefold.solver.core.config.localsearch.decider.forager.LocalSearchForagerConfig;
import ai.timefold.solver.core.config.score.director.ScoreDirectorFactoryConfig;
import ai.timefold.solver.core.config.solver.EnvironmentMode;
import ai.timefold.solver.core.config.solver.SolverConfig;
import ai.timefold.solver.core.config.solver.termination.TerminationConfig;
import ai.timefold.solver.core.impl.solver.DefaultSolver;
import io.dispatchgateway.core.model.Priority;
import io.dispatchgateway.core.model.ScoreComponent;
import io.dispatchgateway.core.model.Technician;
import io.dispatchgateway.core.port.TravelTimeMatrix;
import io.dispatchgateway.core.plan.KnownLegs;
import io.dispatchgateway.core.plan.PlanTimeline;
import io.dispatchgateway.core.plan.PlannedVisit;
import io.dispatchgateway.core.plan.TechnicianPlan;
import io.dispatchgateway.core.plan.Visit;
import io.dispatchgateway.core.rank.CandidateRanker;
import io.dispatchgateway.optimizer.solver.JobStop;
import io.dispatchgateway.optimizer.solver.RoutePlan;
import io.dispatchgateway.optimizer.solver.RouteScoreCalculator;
import io.dispatchgateway.optimizer.solver.RouteScoring;
import io.dispatchgateway.optimizer.solver.TechnicianRoute;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Re-optimizes the open work of the technicians' plans as a whole with Timefold Solver: the open jobs are the
 * values of every technician's list variable, and a plan is judged job by job by the ranking's own hard rules and
 * weighted objectives ({@link CandidateRanker#judge}), so the optimizer and the per-job ranking never disagree about
 * what is allowed. It starts from the plans as they stand and proposes the best plans it found within the
 * limits; a job it cannot place without breaking a rule stays in no plan, so no proposal breaks one.
 */
public final class PlanOptimizer {

    private static final int TABU_JOBS = 7;
    private static final int MOVES_PER_STEP = 1_000;
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("EEE HH:mm", Locale.ENGLISH);

    /**
     * How long the solver may run: {@code spent} in all, {@code unimproved} without a better plan, or exactly
     * {@code moves} move evaluations (a replay of a recorded optimization); {@code seed} makes it repeatable.
     */
    public record Limits(Duration spent, Duration unimproved, Long moves, long seed) {

        public static Limits of(Duration spent) {
            return new Limits(spent, null, null, 0);
        }
    }

    private final CandidateRanker ranker;
    private final TravelTimeMatrix measured;

    /** Plans laid out with the ranking's own leg times (the offline estimate in the gateway). */
    public PlanOptimizer(CandidateRanker ranker) {
        this(ranker, null);
    }

    /**
     * @param measured the routing provider's matrix: plans are laid out with the times it already measured (its
     *        cache; no request is sent for the optimizer) and the ranking's estimate for the other legs; null for
     *        the estimate only
     */
    public PlanOptimizer(CandidateRanker ranker, TravelTimeMatrix measured) {
        this.ranker = ranker;
        this.measured = measured;
    }

    public Optimization optimize(OptimizationProblem problem, Limits limits) {
        return optimize(problem, limits, measured == null ? null : new KnownLegs(ranker.timeline().legs(), measured));
    }

    /**
     * Runs a recorded optimization again: the same problem, the legs it had measured ({@link
     * Optimization#measuredLegs}) and limits with its seed and move count give the same plans.
     */
    public Optimization replay(OptimizationProblem problem, Limits limits, List<KnownLegs.Leg> measuredLegs) {
        return optimize(problem, limits, measuredLegs.isEmpty() ? null
                : KnownLegs.recorded(ranker.timeline().legs(), measuredLegs));
    }

    private Optimization optimize(OptimizationProblem problem, Limits limits, KnownLegs legs) {
        PlanTimeline timeline = legs == null ? ranker.timeline() : new PlanTimeline(ranker.timeline().settings(), legs);
        RouteScoring scoring = new RouteScoring(ranker, timeline, problem.at(), problem.depots());
        Map<String, JobStop> stops = new LinkedHashMap<>();
        // In id order: a map's order may differ from one JVM to the next, and the solver must see the same problem.
        for (OpenJob job : problem.jobs().values().stream().sorted(java.util.Comparator.comparing(OpenJob::id))
                .toList()) {
            Set<String> qualified = new HashSet<>();
            for (Technician technician : problem.technicians()) {
                if (ranker.qualification(technician, job.input()).isEmpty()) {
                    qualified.add(technician.id());
                }
            }
            stops.put(job.id(), new JobStop(job, qualified, ranker.weights(job.policy()),
                    unplacedWeight(job.input().classification().priority())));
        }
        List<TechnicianRoute> routes = new ArrayList<>();
        for (Technician technician : problem.technicians()) {
            List<Visit> kept = new ArrayList<>();
            List<Visit> later = new ArrayList<>();
            List<JobStop> open = new ArrayList<>();
            for (Visit visit : problem.plans().getOrDefault(technician.id(), List.of())) {
                JobStop stop = stops.get(visit.jobId());
                if (stop != null) {
                    open.add(stop);
                } else if (open.isEmpty()) {
                    kept.add(visit); // in the field, or kept ahead of every open job
                } else {
                    later.add(visit); // kept (another day's, a person's placement), after the open work
                }
            }
            routes.add(new TechnicianRoute(technician, kept, open, later));
        }
        RoutePlan start = new RoutePlan(routes, new ArrayList<>(stops.values()), scoring);
        Map<String, Standing> before = standings(start, scoring);
        Optimization.Score scoreBefore = score(start, before);

        long began = System.nanoTime();
        Solver<RoutePlan> solver = SolverFactory.<RoutePlan>create(config(limits)).buildSolver();
        RoutePlan best = solver.solve(start);
        long moves = ((DefaultSolver<RoutePlan>) solver).getMoveEvaluationCount();
        Duration spent = Duration.ofNanos(System.nanoTime() - began);

        List<String> unplaced = dropBroken(best, scoring);
        Map<String, Standing> after = standings(best, scoring);
        for (JobStop stop : stops.values()) {
            if (!after.containsKey(stop.jobId()) && !unplaced.contains(stop.jobId())) {
                unplaced.add(stop.jobId());
            }
        }
        Map<String, List<String>> plans = new LinkedHashMap<>();
        for (TechnicianRoute route : best.routes()) {
            plans.put(route.id(), route.visits().stream().map(Visit::jobId).toList());
        }
        List<Optimization.Move> moved = new ArrayList<>();
        for (JobStop stop : stops.values()) {
            Standing was = before.get(stop.jobId());
            Standing now = after.get(stop.jobId());
            if (now == null || (was != null && was.technicianId().equals(now.technicianId())
                    && was.position() == now.position())) {
                continue;
            }
            moved.add(move(stop, was, now));
        }
        return new Optimization(plans, unplaced, moved, scoreBefore, score(best, after), moves, spent,
                legs == null ? List.of() : legs.measuredLegs());
    }

    private SolverConfig config(Limits limits) {
        TerminationConfig termination = new TerminationConfig();
        if (limits.moves() != null) {
            termination.withMoveCountLimit(limits.moves());
        } else {
            termination.withSpentLimit(limits.spent());
            if (limits.unimproved() != null) {
                termination.withUnimprovedSpentLimit(limits.unimproved());
            }
        }
        return new SolverConfig()
                .withSolutionClass(RoutePlan.class)
                .withEntityClasses(TechnicianRoute.class)
                .withScoreDirectorFactory(new ScoreDirectorFactoryConfig()
                        .withIncrementalScoreCalculatorClass(RouteScoreCalculator.class))
                .withEnvironmentMode(EnvironmentMode.REPRODUCIBLE)
                .withRandomSeed(limits.seed())
                .withTerminationConfig(termination)
                .withPhases(new ConstructionHeuristicPhaseConfig(), new LocalSearchPhaseConfig()
                        // Tabu on the moved jobs, choosing the best of up to 1,000 moves a step: measured on the
                        // peak-burst benchmark, it reaches in 5 s the travel late acceptance (the default) needs
                        // 60 s for, where late acceptance wanders through balanced plans that drive more.
                        .withAcceptorConfig(new LocalSearchAcceptorConfig().withValueTabuSize(TABU_JOBS))
                        .withForagerConfig(new LocalSearchForagerConfig().withAcceptedCountLimit(MOVES_PER_STEP)));
    }

    /** Open jobs left in no plan cost by priority: one CRITICAL job weighs as much as eight LOW ones. */
    private static long unplacedWeight(Priority priority) {
        return switch (priority) {
            case CRITICAL -> 8;
            case HIGH -> 4;
            case NORMAL -> 2;
            case LOW -> 1;
        };
    }

    /**
     * Where an open job stands in a set of routes: technician, 1-based position, arrival, the rules it breaks
     * there (a technician it does not qualify for counts as one), its score and its components.
     */
    private record Standing(String technicianId, int position, Instant arrival, int broken, double score,
            List<ScoreComponent> components) {}

    private Map<String, Standing> standings(RoutePlan plan, RouteScoring scoring) {
        Map<String, Standing> standings = new HashMap<>();
        for (TechnicianRoute route : plan.routes()) {
            if (route.stops().isEmpty()) {
                continue;
            }
            TechnicianPlan laidOut = scoring.layOut(route);
            int offset = route.kept().size();
            for (int i = 0; i < route.stops().size(); i++) {
                JobStop stop = route.stops().get(i);
                PlannedVisit visit = laidOut.visits().get(offset + i);
                CandidateRanker.Judgement judgement = stop.qualifies(route.id())
                        ? scoring.judge(route, laidOut, offset + i, stop) : null;
                List<ScoreComponent> components = ranker.explain(route.technician(), stop.job().input()
                        .stateOf(route.id()), laidOut, offset + i, stop.job().input(), stop.job().policy());
                standings.put(stop.jobId(), new Standing(route.id(), offset + i + 1,
                        visit.planned() ? visit.arrival() : null, judgement == null ? 1 : judgement.breaks().size(),
                        judgement == null ? 0 : judgement.score(), components));
            }
        }
        return standings;
    }

    private static Optimization.Score score(RoutePlan plan, Map<String, Standing> standings) {
        long hard = 0;
        double soft = 0;
        for (Standing standing : standings.values()) {
            hard += standing.broken();
            soft += standing.score();
        }
        long unplaced = 0;
        for (JobStop stop : plan.stops()) {
            if (!standings.containsKey(stop.jobId())) {
                unplaced += unplacedWeight(stop.job().input().classification().priority());
            }
        }
        return new Optimization.Score(hard, unplaced, Math.round(soft * 10_000) / 10_000.0);
    }

    /**
     * Takes every open job that breaks a rule where the best plans have it out of its plan (laying the plan out
     * again each time, since the others' times move), so that no proposal breaks a rule.
     */
    private List<String> dropBroken(RoutePlan plan, RouteScoring scoring) {
        List<String> dropped = new ArrayList<>();
        for (TechnicianRoute route : plan.routes()) {
            boolean again = true;
            while (again && !route.stops().isEmpty()) {
                again = false;
                TechnicianPlan laidOut = scoring.layOut(route);
                int offset = route.kept().size();
                for (int i = 0; i < route.stops().size(); i++) {
                    JobStop stop = route.stops().get(i);
                    if (!stop.qualifies(route.id()) || !scoring.judge(route, laidOut, offset + i, stop).allowed()) {
                        route.stops().remove(i);
                        dropped.add(stop.jobId());
                        again = true;
                        break;
                    }
                }
            }
        }
        return dropped;
    }

    private Optimization.Move move(JobStop stop, Standing was, Standing now) {
        Map<String, Double> change = new LinkedHashMap<>();
        for (ScoreComponent component : now.components()) {
            double before = was == null ? 0 : was.components().stream()
                    .filter(c -> c.name().equals(component.name())).mapToDouble(ScoreComponent::contribution)
                    .findFirst().orElse(0);
            double delta = Math.round((component.contribution() - before) * 10_000) / 10_000.0;
            if (delta != 0) {
                change.put(component.name(), delta);
            }
        }
        Instant deadline = stop.visit().slaDeadline();
        StringBuilder reason = new StringBuilder();
        reason.append(was == null ? "placed with " : was.technicianId().equals(now.technicianId())
                ? "moves within " + now.technicianId() + "'s plan to " : "moves from " + was.technicianId() + " to ")
                .append(was == null || !was.technicianId().equals(now.technicianId()) ? now.technicianId() + ", " : "")
                .append(ordinal(now.position())).append(" in the plan: arrives ").append(local(now.arrival()));
        if (was != null) {
            reason.append(" (was ").append(local(was.arrival())).append(")");
        }
        if (deadline != null && now.arrival() != null) {
            boolean onTime = !now.arrival().isAfter(deadline);
            boolean wasOnTime = was != null && was.arrival() != null && !was.arrival().isAfter(deadline);
            reason.append(onTime ? (wasOnTime || was == null ? ", on time" : ", on time instead of late")
                    : ", " + Duration.between(deadline, now.arrival()).toMinutes() + " min after the deadline");
        }
        String biggest = change.entrySet().stream().max((a, b) -> Double.compare(Math.abs(a.getValue()),
                Math.abs(b.getValue()))).map(e -> "; " + e.getKey() + " " + (e.getValue() > 0 ? "+" : "")
                        + e.getValue()).orElse("");
        reason.append(biggest);
        return new Optimization.Move(stop.jobId(), was == null ? null : was.technicianId(),
                was == null ? 0 : was.position(), now.technicianId(), now.position(), was == null ? null : was.arrival(),
                now.arrival(), was == null ? 0 : Math.round(was.score() * 10_000) / 10_000.0,
                Math.round(now.score() * 10_000) / 10_000.0, now.components(), change, reason.toString());
    }

    private String local(Instant at) {
        return at == null ? "not in a shift of the horizon"
                : LocalDateTime.ofInstant(at, ranker.settings().zone()).format(DAY_TIME);
    }

    private static String ordinal(int n) {
        return io.dispatchgateway.core.model.Placement.ordinal(n);
    }
}
