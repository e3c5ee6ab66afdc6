package io.dispatchgateway.core.port;

import io.dispatchgateway.core.model.Approval;
import io.dispatchgateway.core.model.Classification;
import io.dispatchgateway.core.model.Customer;
import io.dispatchgateway.core.model.Job;
import io.dispatchgateway.core.model.Recommendation;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Where approval requests go to reach a dispatcher (Microsoft Teams, the built-in inbox), with the context to
 * decide well. Decisions come back through the gateway's approval API, not through this port.
 */
public interface ApprovalChannel {

    void requestApproval(ApprovalRequest request);

    /**
     * A plan optimization whose moves wait for a dispatcher. The built-in inbox lists them at
     * {@code GET /api/v1/plans/proposals}, so a channel without a card for them needs to do nothing.
     */
    default void requestPlanReview(PlanReview review) {
    }

    /** An approval with everything a dispatcher needs to see: the job, its classification, customer and options. */
    record ApprovalRequest(Approval approval, Job job, Classification classification, Customer customer,
            Recommendation recommendation) {}

    /**
     * A plan proposal's waiting moves, with the plans they change as they stand and as proposed (job ids in
     * order, for every technician a waiting move takes a job from or gives one to).
     *
     * @param tenants the tenants of the jobs the review shows (a channel may be set per tenant)
     * @param objectivesBefore the sum of the plans' weighted objective scores before, and {@code objectivesAfter}
     *        with every move taken
     */
    record PlanReview(String proposalId, String territory, String requestedBy, List<ReviewedMove> moves,
            Map<String, List<String>> plansBefore, Map<String, List<String>> plansAfter, double objectivesBefore,
            double objectivesAfter, List<String> tenants) {

        public PlanReview {
            moves = List.copyOf(moves);
            plansBefore = Map.copyOf(plansBefore);
            plansAfter = Map.copyOf(plansAfter);
            tenants = tenants == null ? List.of() : List.copyOf(tenants);
        }

        /** A review whose jobs' tenants are not known. */
        public PlanReview(String proposalId, String territory, String requestedBy, List<ReviewedMove> moves,
                Map<String, List<String>> plansBefore, Map<String, List<String>> plansAfter, double objectivesBefore,
                double objectivesAfter) {
            this(proposalId, territory, requestedBy, moves, plansBefore, plansAfter, objectivesBefore,
                    objectivesAfter, null);
        }
    }

    /** One waiting move: the job, from and to which technician, its arrival before and after, why it waits. */
    record ReviewedMove(String jobId, String summary, String fromTechnicianId, String toTechnicianId,
            Instant arrivalBefore, Instant arrivalAfter, String gate, String reason) {}
}
