package io.dispatchgateway.core.port;

import io.dispatchgateway.core.model.Approval;
import io.dispatchgateway.core.model.Job;
import io.dispatchgateway.core.model.Recommendation;

/**
 * Where approval requests go to reach a dispatcher (Microsoft Teams, the built-in inbox). Decisions come
 * back through the gateway's approval API, not through this port.
 */
public interface ApprovalChannel {

    void requestApproval(Approval approval, Job job, Recommendation recommendation);
}
