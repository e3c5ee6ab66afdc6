package io.dispatchgateway.optimizer.solver;

import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import ai.timefold.solver.core.api.score.calculator.IncrementalScoreCalculator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Incremental scoring: a move changes one or two routes, and only those are laid out and judged again; the
 * others keep the score they had. Each route also remembers its last two layouts (the solver tries a move and
 * undoes it, so the layout before the move comes back at once). Jobs leaving or entering every plan move the
 * medium level.
 */
public final class RouteScoreCalculator implements IncrementalScoreCalculator<RoutePlan, HardMediumSoftLongScore> {

    private RouteScoring scoring;
    private final Map<TechnicianRoute, long[]> byRoute = new IdentityHashMap<>();
    private final Set<TechnicianRoute> changed = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<TechnicianRoute, Remembered> remembered = new IdentityHashMap<>();
    private long hard;
    private long medium;
    private long soft;

    @Override
    public void resetWorkingSolution(RoutePlan plan) {
        scoring = plan.scoring();
        remembered.clear();
        byRoute.clear();
        changed.clear();
        hard = 0;
        soft = 0;
        medium = 0;
        Set<JobStop> placed = Collections.newSetFromMap(new IdentityHashMap<>());
        for (TechnicianRoute route : plan.routes()) {
            long[] score = score(route);
            byRoute.put(route, score);
            hard += score[0];
            soft += score[1];
            placed.addAll(route.stops());
        }
        for (JobStop stop : plan.stops()) {
            if (!placed.contains(stop)) {
                medium -= stop.unplacedWeight();
            }
        }
    }

    @Override
    public void beforeEntityAdded(Object entity) {
    }

    @Override
    public void afterEntityAdded(Object entity) {
        changed.add((TechnicianRoute) entity);
    }

    @Override
    public void beforeVariableChanged(Object entity, String variableName) {
    }

    @Override
    public void afterVariableChanged(Object entity, String variableName) {
        changed.add((TechnicianRoute) entity);
    }

    @Override
    public void afterListVariableElementAssigned(String variableName, Object element) {
        medium += ((JobStop) element).unplacedWeight();
    }

    @Override
    public void afterListVariableElementUnassigned(String variableName, Object element) {
        medium -= ((JobStop) element).unplacedWeight();
    }

    @Override
    public void afterListVariableChanged(Object entity, String variableName, int fromIndex, int toIndex) {
        changed.add((TechnicianRoute) entity);
    }

    @Override
    public void beforeEntityRemoved(Object entity) {
    }

    @Override
    public void afterEntityRemoved(Object entity) {
        long[] old = byRoute.remove(entity);
        if (old != null) {
            hard -= old[0];
            soft -= old[1];
        }
        changed.remove(entity);
    }

    /** A route's last two layouts and their scores. */
    private static final class Remembered {
        List<JobStop> latest;
        long[] latestScore;
        List<JobStop> previous;
        long[] previousScore;
    }

    private long[] score(TechnicianRoute route) {
        Remembered memory = remembered.computeIfAbsent(route, r -> new Remembered());
        List<JobStop> stops = route.stops();
        if (stops.equals(memory.latest)) {
            return memory.latestScore;
        }
        if (stops.equals(memory.previous)) {
            List<JobStop> swap = memory.latest;
            long[] swapScore = memory.latestScore;
            memory.latest = memory.previous;
            memory.latestScore = memory.previousScore;
            memory.previous = swap;
            memory.previousScore = swapScore;
            return memory.latestScore;
        }
        long[] score = scoring.score(route);
        memory.previous = memory.latest;
        memory.previousScore = memory.latestScore;
        memory.latest = new ArrayList<>(stops);
        memory.latestScore = score;
        return score;
    }

    @Override
    public HardMediumSoftLongScore calculateScore() {
        for (TechnicianRoute route : changed) {
            long[] now = score(route);
            long[] old = byRoute.put(route, now);
            if (old != null) {
                hard -= old[0];
                soft -= old[1];
            }
            hard += now[0];
            soft += now[1];
        }
        changed.clear();
        return HardMediumSoftLongScore.of(hard, medium, soft);
    }
}
