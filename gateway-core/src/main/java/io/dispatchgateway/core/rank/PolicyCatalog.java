package io.dispatchgateway.core.rank;

import io.dispatchgateway.core.model.Classification;
import io.dispatchgateway.core.model.Customer;
import io.dispatchgateway.core.model.CustomerTier;
import io.dispatchgateway.core.model.Job;
import io.dispatchgateway.core.model.Priority;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The named policies and the rules that choose one for a job: the first selector whose every given
 * condition matches (category, priority, customer tier, tenant) names the policy; otherwise the default.
 */
public final class PolicyCatalog {

    /**
     * One selection rule; an empty condition matches anything.
     *
     * @param policy the policy it chooses
     */
    public record Selector(Set<String> categories, Set<Priority> priorities, Set<CustomerTier> tiers,
            Set<String> tenants, String policy) {

        public Selector {
            categories = categories == null ? Set.of() : Set.copyOf(categories);
            priorities = priorities == null ? Set.of() : Set.copyOf(priorities);
            tiers = tiers == null ? Set.of() : Set.copyOf(tiers);
            tenants = tenants == null ? Set.of() : Set.copyOf(tenants);
        }

        boolean matches(Job job, Classification classification, Customer customer) {
            return (categories.isEmpty() || categories.contains(classification.category()))
                    && (priorities.isEmpty() || priorities.contains(classification.priority()))
                    && (tiers.isEmpty() || tiers.contains(customer.tier()))
                    && (tenants.isEmpty() || tenants.contains(job.tenant()));
        }
    }

    private final Map<String, RankingPolicy> policies = new LinkedHashMap<>();
    private final List<Selector> selectors;
    private final String defaultPolicy;

    public PolicyCatalog(List<RankingPolicy> policies, List<Selector> selectors, String defaultPolicy) {
        policies.forEach(p -> this.policies.put(p.name(), p));
        this.selectors = List.copyOf(selectors);
        this.defaultPolicy = defaultPolicy;
        if (!this.policies.containsKey(defaultPolicy)) {
            throw new IllegalArgumentException("the default policy '" + defaultPolicy + "' is not defined; defined: "
                    + this.policies.keySet());
        }
        for (Selector selector : selectors) {
            if (!this.policies.containsKey(selector.policy())) {
                throw new IllegalArgumentException("a selector names policy '" + selector.policy()
                        + "', which is not defined; defined: " + this.policies.keySet());
            }
        }
    }

    public RankingPolicy select(Job job, Classification classification, Customer customer) {
        return selectors.stream().filter(s -> s.matches(job, classification, customer)).findFirst()
                .map(s -> policies.get(s.policy()))
                .orElse(policies.get(defaultPolicy));
    }

    public Optional<RankingPolicy> find(String name) {
        return Optional.ofNullable(policies.get(name));
    }

    public List<RankingPolicy> policies() {
        return List.copyOf(policies.values());
    }

    public List<Selector> selectors() {
        return selectors;
    }

    public String defaultPolicy() {
        return defaultPolicy;
    }
}
