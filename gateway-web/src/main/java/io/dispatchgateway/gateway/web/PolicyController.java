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

    /** The selection rules a caller sees: those of no particular tenant and those of the caller's tenants. */
    @GetMapping
    public Policies list(io.dispatchgateway.core.model.TenantScope scope) {
        return new Policies(catalog.policies(), catalog.selectors().stream()
                .filter(s -> scope.all() || s.tenants().isEmpty() || s.tenants().stream().anyMatch(scope::allows))
                .map(s -> scope.all() ? s : new PolicyCatalog.Selector(s.categories(), s.priorities(), s.tiers(),
                        s.tenants().stream().filter(scope::allows).collect(java.util.stream.Collectors.toSet()),
                        s.policy()))
                .toList(), catalog.defaultPolicy());
    }
}
