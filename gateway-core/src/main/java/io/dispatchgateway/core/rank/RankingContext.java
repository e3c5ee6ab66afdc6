package io.dispatchgateway.core.rank;

import io.dispatchgateway.core.plan.PlanTimeline;
import io.dispatchgateway.core.plan.Visit;

/** What one ranking computes once and every candidate reads: the input, the settings, the job as a visit. */
final class RankingContext {

    final RankingInput input;
    final RankingSettings settings;
    final PlanTimeline timeline;
    final Visit proposed;
    final long deadlineSecond;

    RankingContext(RankingInput input, RankingSettings settings, PlanTimeline timeline) {
        this.input = input;
        this.settings = settings;
        this.timeline = timeline;
        this.proposed = Visit.proposed(input.job(), input.classification());
        this.deadlineSecond = input.classification().slaDeadline().getEpochSecond();
    }
}
