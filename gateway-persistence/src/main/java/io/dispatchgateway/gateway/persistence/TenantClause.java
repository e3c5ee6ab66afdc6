package io.dispatchgateway.gateway.persistence;

import io.dispatchgateway.core.model.TenantScope;
import java.util.Collections;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The condition that narrows a query to a caller's tenants, and its parameters, bound in the same order. */
final class TenantClause {

    private TenantClause() {
    }

    /** {@code AND column IN (?, ...)}, or nothing for every tenant; a scope of no tenant matches no row. */
    static String and(String column, TenantScope scope) {
        if (scope.all()) {
            return "";
        }
        if (scope.tenants().isEmpty()) {
            return " AND 1 = 0";
        }
        return " AND " + column + " IN (" + String.join(", ", Collections.nCopies(scope.tenants().size(), "?")) + ")";
    }

    /** Binds the parameters of {@link #and} at the current position. */
    static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, TenantScope scope) {
        JdbcClient.StatementSpec bound = spec;
        if (!scope.all()) {
            for (String tenant : scope.tenants()) {
                bound = bound.param(tenant);
            }
        }
        return bound;
    }
}
