package io.dispatchgateway.gateway.dispatch;

import io.dispatchgateway.core.intake.FieldProblem;
import io.dispatchgateway.core.model.RankedOption;
import io.dispatchgateway.core.model.Recommendation;
import io.dispatchgateway.core.rank.CandidateRanker;
import io.dispatchgateway.core.rank.PolicyCatalog;
import io.dispatchgateway.core.rank.RankingInput;
import io.dispatchgateway.core.rank.RankingPolicy;
import io.dispatchgateway.gateway.persistence.JobStore;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * Ranks a job again from the snapshot its decision recorded: with the same policy it must give the stored
 * ranking exactly; with another policy or other weights it shows what would have changed.
 */
@Service
public class DecisionReplay {

    private final JobStore jobs;
    private final CandidateRanker ranker;
    private final PolicyCatalog policies;

    public DecisionReplay(JobStore jobs, CandidateRanker ranker, PolicyCatalog policies) {
        this.jobs = jobs;
        this.ranker = ranker;
        this.policies = policies;
    }

    /** The stored and the replayed ranking, and each technician whose place or score moved. */
    public record Result(String jobId, String storedPolicy, String replayPolicy, Map<String, Double> weights,
            boolean identical, List<Change> changes, Recommendation stored, Recommendation replayed) {}

    /** Where a technician stood before and after; rank 0 means not among the listed options. */
    public record Change(String technicianId, int storedRank, int replayedRank, double storedScore,
            double replayedScore) {}

    public Result replay(String jobId, String policyName, Map<String, Double> weights) {
        Recommendation stored = jobs.find(jobId)
                .orElseThrow(() -> new NoSuchElementException("no job with id '" + jobId + "'"))
                .recommendation();
        RankingInput input = jobs.rankingInput(jobId).orElse(null);
        if (stored == null || input == null) {
            throw new InvalidRequestException(List.of(new FieldProblem("jobId",
                    "job " + jobId + " has not been ranked yet, so there is nothing to replay")));
        }
        String name = policyName == null || policyName.isBlank() ? stored.policy() : policyName;
        RankingPolicy policy = policies.find(name).orElseThrow(() -> new InvalidRequestException(
                List.of(new FieldProblem("policy", "no policy named '" + name + "'; known: "
                        + policies.policies().stream().map(RankingPolicy::name).toList()))));
        if (weights != null && !weights.isEmpty()) {
            Set<String> known = new LinkedHashSet<>();
            ranker.objectives().forEach(o -> known.add(o.name()));
            List<FieldProblem> problems = RankingPolicy.problems(weights, known);
            if (!problems.isEmpty()) {
                throw new InvalidRequestException(problems);
            }
            policy = policy.withWeights(weights);
        }
        Recommendation replayed = ranker.replay(input, policy, stored);
        List<Change> changes = changes(stored, replayed);
        boolean identical = stored.options().equals(replayed.options()) && stored.excluded().equals(replayed.excluded());
        return new Result(jobId, stored.policy(), policy.name(), policy.weights(), identical, changes, stored,
                replayed);
    }

    private static List<Change> changes(Recommendation stored, Recommendation replayed) {
        Set<String> ids = new LinkedHashSet<>();
        stored.options().forEach(o -> ids.add(o.technicianId()));
        replayed.options().forEach(o -> ids.add(o.technicianId()));
        List<Change> changes = new ArrayList<>();
        for (String id : ids) {
            RankedOption before = stored.option(id).orElse(null);
            RankedOption after = replayed.option(id).orElse(null);
            int beforeRank = before == null ? 0 : before.rank();
            int afterRank = after == null ? 0 : after.rank();
            double beforeScore = before == null ? 0 : before.score();
            double afterScore = after == null ? 0 : after.score();
            if (beforeRank != afterRank || beforeScore != afterScore) {
                changes.add(new Change(id, beforeRank, afterRank, beforeScore, afterScore));
            }
        }
        return changes;
    }
}
