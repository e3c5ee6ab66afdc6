package io.dispatchgateway.gateway.dispatch;

import io.dispatchgateway.core.dispatch.AssignmentPlanner;
import io.dispatchgateway.core.model.Customer;
import io.dispatchgateway.core.model.RankedOption;
import io.dispatchgateway.core.model.Recommendation;
import io.dispatchgateway.core.model.Technician;
import io.dispatchgateway.core.port.InventoryLookup;
import io.dispatchgateway.core.port.TechnicianDirectory;
import io.dispatchgateway.core.rank.CandidateRanker;
import io.dispatchgateway.core.rank.PolicyCatalog;
import io.dispatchgateway.core.rank.RankingInput;
import io.dispatchgateway.core.rank.RankingInputAssembler;
import io.dispatchgateway.core.rank.RankingPolicy;
import io.dispatchgateway.core.rank.TechnicianState;
import io.dispatchgateway.gateway.persistence.JobStore.StoredJob;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Ranks a job on today's data (the roster, every technician's plan without this job, the depots' stock) with
 * the policy it gets now. The one way the flow, a person's reassignment and the exception rules rank: each
 * ranking and each "where would this technician fit it" reads the same inputs.
 */
@Component
public class Rankings {

    private final TechnicianDirectory technicians;
    private final InventoryLookup inventory;
    private final PolicyCatalog policies;
    private final RankingInputAssembler inputs;
    private final CandidateRanker ranker;
    private final AssignmentPlanner planner;
    private final PlanBook plans;
    private final Clock clock;

    public Rankings(TechnicianDirectory technicians, InventoryLookup inventory, PolicyCatalog policies,
            RankingInputAssembler inputs, CandidateRanker ranker, AssignmentPlanner planner, PlanBook plans,
            Clock clock) {
        this.technicians = technicians;
        this.inventory = inventory;
        this.policies = policies;
        this.inputs = inputs;
        this.ranker = ranker;
        this.planner = planner;
        this.plans = plans;
        this.clock = clock;
    }

    /**
     * A ranking of the whole roster and the place the best option takes in its technician's plan.
     *
     * @param input the snapshot to store with the decision: its input without the technicians excluded by a rule
     *        that does not depend on the place ({@link CandidateRanker#replayable})
     * @param slot the best option's place, empty when nobody is eligible
     */
    public record Ranked(RankingPolicy policy, RankingInput input, Recommendation recommendation,
            Optional<AssignmentPlanner.Slot> slot) {}

    /** Ranks the job on every technician. */
    public Ranked rank(StoredJob stored, Customer customer) {
        Assembled assembled = assemble(stored, customer, plans.statesWithout(stored.job().id()));
        RankingInput input = assembled.input();
        Recommendation recommendation = ranker.rank(input, assembled.policy());
        return new Ranked(assembled.policy(), ranker.replayable(input, recommendation), recommendation,
                recommendation.best().map(best -> planner.slotOf(best, input.stateOf(best.technicianId()))));
    }

    /** The policy the job gets now and its ranking input over every technician. */
    public record Assembled(RankingPolicy policy, RankingInput input) {}

    /** The job's ranking input over every technician in the given plans ({@code states}). */
    public Assembled assemble(StoredJob stored, Customer customer, Map<String, TechnicianState> states) {
        RankingPolicy policy = policy(stored, customer);
        return new Assembled(policy, inputs.assemble(stored.job(), stored.classification(), customer,
                technicians.all(), states, inventory.depots(), clock.instant(), policy));
    }

    /** The eligible options now, best first: who else could take or recover the job. */
    public List<RankedOption> options(StoredJob stored, Customer customer) {
        return rank(stored, customer).recommendation().options();
    }

    /**
     * The best place in one technician's plan now, for a technician a person (or the office) chose; the rules
     * that technician breaks come with it.
     */
    public AssignmentPlanner.Slot slotFor(StoredJob stored, Customer customer, String technicianId) {
        RankingPolicy policy = policy(stored, customer);
        return planner.slotFor(technicianId, input(stored, customer,
                technicians.find(technicianId).map(List::of).orElse(List.of()), policy), policy);
    }

    private RankingPolicy policy(StoredJob stored, Customer customer) {
        return policies.select(stored.job(), stored.classification(), customer);
    }

    private RankingInput input(StoredJob stored, Customer customer, List<Technician> roster, RankingPolicy policy) {
        return inputs.assemble(stored.job(), stored.classification(), customer, roster,
                plans.statesWithout(stored.job().id()), inventory.depots(), clock.instant(), policy);
    }
}
