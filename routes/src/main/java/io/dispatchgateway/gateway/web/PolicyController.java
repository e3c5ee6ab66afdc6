package io.dispatchgateway.gateway.web;

import io.dispatchgateway.core.rank.PolicyCatalog;
import io.dispatchgateway.core.rank.RankingPolicy;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The scheduling policies: their weights, and the rules that choose one for a job. */
@RestController
@RequestMapping("/api/v1/policies")
public class PolicyController {

    private final PolicyCatalog catalog;

    public PolicyController(PolicyCatalog catalog) {
        this.catalog = catalog;
    }

    /** The catalogue: every policy, the selection rules in order, and the default. */
    public record Policies(List<RankingPolicy> policies, List<PolicyCatalog.Selector> selection,
            String defaultPolicy) {}

    @GetMapping
    public Policies list() {
        return new Policies(catalog.policies(), catalog.selectors(), catalog.defaultPolicy());
    }
}
