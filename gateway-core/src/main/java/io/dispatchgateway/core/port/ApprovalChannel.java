package io.dispatchgateway.core.port;

import io.dispatchgateway.core.model.Approval;
import io.dispatchgateway.core.model.Classification;
import io.dispatchgateway.core.model.Customer;
import io.dispatchgateway.core.model.Job;
import io.dispatchgateway.core.model.Recommendation;

/**
 * Where approval requests go to reach a dispatcher (Microsoft Teams, the built-in inbox), with the context to
 * decide well. Decisions come back through the gateway's approval API, not through this port.
 */
public interface ApprovalChannel {

    void requestApproval(ApprovalRequest request);

    /** An approval with everything a dispatcher needs to see: the job, its classification, customer and options. */
    record ApprovalRequest(Approval approval, Job job, Classification classification, Customer customer,
            Recommendation recommendation) {}
}
