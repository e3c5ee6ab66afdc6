package io.dispatchgateway.optimizer;

import io.dispatchgateway.core.plan.Visit;
import io.dispatchgateway.core.rank.RankingInput;
import io.dispatchgateway.core.rank.RankingPolicy;

/**
 * A job the optimizer may move: its ranking snapshot (job, classification, customer, the moment, and each
 * technician's record for its category), the policy that weighs its objectives, and the job as a plan holds it.
 */
public record OpenJob(RankingInput input, RankingPolicy policy, Visit visit) {

    public String id() {
        return input.job().id();
    }
}
