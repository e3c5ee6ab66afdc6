package io.dispatchgateway.core.model;

import java.util.Collection;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The tenants a caller may see and act for: every tenant (a global administrator, the gateway's own routes) or
 * a fixed set. Every read and write through the API is narrowed by the caller's scope; what lies outside it
 * answers as if it did not exist.
 */
public final class TenantScope {

    /** Every tenant. */
    public static final TenantScope ALL = new TenantScope(null);

    private final SortedSet<String> tenants;

    private TenantScope(SortedSet<String> tenants) {
        this.tenants = tenants;
    }

    /** Exactly these tenants (none: nothing at all). */
    public static TenantScope of(Collection<String> tenants) {
        return new TenantScope(new TreeSet<>(tenants));
    }

    public boolean all() {
        return tenants == null;
    }

    /** The tenants in the scope, in name order; only for a scope that is not {@link #all()}. */
    public Set<String> tenants() {
        if (tenants == null) {
            throw new IllegalStateException("an unlimited scope has no list of tenants");
        }
        return java.util.Collections.unmodifiableSortedSet(tenants);
    }

    public boolean allows(String tenant) {
        return tenants == null || tenants.contains(tenant == null ? Tenants.DEFAULT : tenant);
    }

    /**
     * Whether something that belongs to {@code owners} (a technician's or depot's tenants; none meaning every
     * tenant) is in the scope: for a limited scope, only when it belongs to the scope's tenants alone, so one
     * tenant's users cannot see or change what another tenant shares.
     */
    public boolean covers(Collection<String> owners) {
        return tenants == null || (!owners.isEmpty() && tenants.containsAll(owners));
    }

    /** Whether something of {@code owners} (none meaning every tenant) is at least partly in the scope. */
    public boolean touches(Collection<String> owners) {
        return tenants == null || owners.isEmpty() || owners.stream().anyMatch(tenants::contains);
    }

    /** The one tenant of a scope of one tenant: where a caller's writes go when they name none. */
    public java.util.Optional<String> single() {
        return tenants != null && tenants.size() == 1 ? java.util.Optional.of(tenants.first())
                : java.util.Optional.empty();
    }

    @Override
    public String toString() {
        return tenants == null ? "all tenants" : "tenants " + tenants;
    }
}
