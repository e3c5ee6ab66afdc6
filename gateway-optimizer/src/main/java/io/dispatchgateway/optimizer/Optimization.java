package io.dispatchgateway.optimizer;

import io.dispatchgateway.core.model.ScoreComponent;
import io.dispatchgateway.core.plan.KnownLegs;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An optimizer's result: the plans it proposes (every technician's job ids in order, the visits it kept included),
 * the open jobs it could place nowhere, every job it moves with the reason, and the whole score before and after.
 *
 * @param evaluated the moves the solver evaluated: the same problem, seed and move limit give the same result (a replay)
 * @param measuredLegs the legs laid out with a time measured by the routing provider (the others: the estimate),
 *        which a replay needs
 */
public record Optimization(Map<String, List<String>> plans, List<String> unassigned, List<Move> moves,
        Score before, Score after, long evaluated, Duration spent, List<KnownLegs.Leg> measuredLegs) {

    public Optimization {
        measuredLegs = List.copyOf(measuredLegs);
        plans = Map.copyOf(plans);
        unassigned = List.copyOf(unassigned);
        moves = List.copyOf(moves);
    }

    /**
     * The plans' score: hard rules broken (0 in every proposal), open jobs left without a place (weighted by
     * priority), and the sum of every placed job's weighted objective score.
     */
    public record Score(long hardBroken, long unplacedWeight, double objectives) {}

    /**
     * One job moved: from where to where (technician and 1-based position; null technician: in no plan), its
     * arrival and score before and after, the change of each objective, and the reason in a dispatcher's words.
     */
    public record Move(String jobId, String fromTechnicianId, int fromPosition, String toTechnicianId, int toPosition,
            Instant arrivalBefore, Instant arrivalAfter, double scoreBefore, double scoreAfter,
            List<ScoreComponent> componentsAfter, Map<String, Double> change, String reason) {

        /** Whether the job changes technician (not only its place in the same plan). */
        public boolean reassigns() {
            return fromTechnicianId == null ? toTechnicianId != null : !fromTechnicianId.equals(toTechnicianId);
        }
    }
}
