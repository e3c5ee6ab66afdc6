package io.dispatchgateway.gateway.live;

import io.dispatchgateway.core.model.Customer;
import io.dispatchgateway.core.model.RankedOption;
import io.dispatchgateway.core.port.CustomerDirectory;
import io.dispatchgateway.core.port.InventoryLookup;
import io.dispatchgateway.core.port.TechnicianDirectory;
import io.dispatchgateway.core.rank.CandidateRanker;
import io.dispatchgateway.core.rank.PolicyCatalog;
import io.dispatchgateway.core.rank.RankingInputAssembler;
import io.dispatchgateway.core.rank.RankingPolicy;
import io.dispatchgateway.gateway.dispatch.PlanBook;
import io.dispatchgateway.gateway.persistence.JobStore;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Ranks a job in the field again on today's data (locations, commitments, stock), with the policy it would
 * get now: the source of every "who else could recover it" decision of the exception rules.
 */
@Component
public class FreshRanking {

    private final CustomerDirectory customers;
    private final TechnicianDirectory technicians;
    private final InventoryLookup inventory;
    private final PolicyCatalog policies;
    private final RankingInputAssembler inputs;
    private final CandidateRanker ranker;
    private final Clock clock;
    private final PlanBook plans;

    public FreshRanking(PlanBook plans, CustomerDirectory customers, TechnicianDirectory technicians,
            InventoryLookup inventory, PolicyCatalog policies, RankingInputAssembler inputs, CandidateRanker ranker,
            Clock clock) {
        this.plans = plans;
        this.customers = customers;
        this.technicians = technicians;
        this.inventory = inventory;
        this.policies = policies;
        this.inputs = inputs;
        this.ranker = ranker;
        this.clock = clock;
    }

    /** The eligible options, best first. */
    public List<RankedOption> options(JobStore.StoredJob stored) {
        Customer customer = customers.find(stored.job().customerId()).orElseThrow();
        RankingPolicy policy = policies.select(stored.job(), stored.classification(), customer);
        return ranker.rank(inputs.assemble(stored.job(), stored.classification(), customer, technicians.all(),
                plans.statesWithout(stored.job().id()), inventory.depots(), clock.instant(), policy), policy).options();
    }
}
