package io.dispatchgateway.gateway.tenancy;

import io.dispatchgateway.core.model.TenantScope;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * How a caller's tenants travel with its identity: as authorities {@code TENANT_<name>}, or {@code TENANT_*} for
 * every tenant, whatever the way in (HTTP Basic users, bearer tokens, pack links). A caller without any tenant
 * authority sees nothing.
 */
public final class TenantAccess {

    public static final String PREFIX = "TENANT_";
    /** The tenant name that stands for every tenant. */
    public static final String EVERY = "*";

    private TenantAccess() {
    }

    /** The authorities of {@code tenants}; none given means every tenant (a user of a single-tenant set-up). */
    public static List<GrantedAuthority> everyOr(Collection<String> tenants) {
        return tenants.isEmpty() ? List.of(new SimpleGrantedAuthority(PREFIX + EVERY)) : of(tenants);
    }

    /** The authorities of exactly {@code tenants} ({@code *} among them: every tenant). */
    public static List<GrantedAuthority> of(Collection<String> tenants) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        tenants.forEach(tenant -> authorities.add(new SimpleGrantedAuthority(PREFIX + tenant)));
        return authorities;
    }

    /** The scope of {@code authentication}: none when it is null or carries no tenant. */
    public static TenantScope scopeOf(Authentication authentication) {
        if (authentication == null) {
            return TenantScope.of(List.of());
        }
        List<String> tenants = new ArrayList<>();
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            String name = authority.getAuthority();
            if (name != null && name.startsWith(PREFIX)) {
                String tenant = name.substring(PREFIX.length());
                if (tenant.equals(EVERY)) {
                    return TenantScope.ALL;
                }
                tenants.add(tenant);
            }
        }
        return TenantScope.of(tenants);
    }

    /** The scope of the request being served. */
    public static TenantScope current() {
        return scopeOf(SecurityContextHolder.getContext().getAuthentication());
    }
}
