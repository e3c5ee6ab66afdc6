package io.dispatchgateway.gateway.live;

import io.dispatchgateway.core.model.RankedOption;
import io.dispatchgateway.core.port.CustomerDirectory;
import io.dispatchgateway.gateway.dispatch.Rankings;
import io.dispatchgateway.gateway.persistence.JobStore.StoredJob;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Who else could take a job in the field now: a fresh ranking on today's data, the source of every "who could
 * recover it" decision of the exception rules.
 */
@Component
public class Recoveries {

    private final Rankings rankings;
    private final CustomerDirectory customers;

    public Recoveries(Rankings rankings, CustomerDirectory customers) {
        this.rankings = rankings;
        this.customers = customers;
    }

    /** The eligible options, best first. */
    public List<RankedOption> options(StoredJob stored) {
        return rankings.options(stored, customers.find(stored.job().customerId()).orElseThrow());
    }
}
