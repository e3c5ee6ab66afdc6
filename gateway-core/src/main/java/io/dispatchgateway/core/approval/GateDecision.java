package io.dispatchgateway.core.approval;

import java.util.List;

/**
 * What the approval gate decided for a job.
 *
 * @param approvalRequired a dispatcher must decide before anyone is assigned
 * @param escalation no technician passes the hard constraints, so a human must find one
 * @param reasons every reason the policy found, in words a dispatcher reads
 */
public record GateDecision(boolean approvalRequired, boolean escalation, List<String> reasons) {

    public GateDecision {
        reasons = List.copyOf(reasons);
    }

    public static GateDecision autoAssign() {
        return new GateDecision(false, false, List.of());
    }
}
