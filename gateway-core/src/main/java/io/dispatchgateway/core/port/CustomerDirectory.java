package io.dispatchgateway.core.port;

import io.dispatchgateway.core.model.TenantScope;
import io.dispatchgateway.core.model.Customer;
import java.util.List;
import java.util.Optional;

/** Where the gateway reads customers and their entitlements. */
public interface CustomerDirectory {

    Optional<Customer> find(String id);

    /** Page through the directory, ordered by id. */
    List<Customer> page(int offset, int limit);

    long count();

    /** Page through the customers of {@code scope}'s tenants, ordered by id. */
    default List<Customer> page(TenantScope scope, int offset, int limit) {
        return scope.all() ? page(offset, limit) : java.util.stream.Stream.iterate(0, from -> from + 500)
                .map(from -> page(from, 500)).takeWhile(chunk -> !chunk.isEmpty()).flatMap(List::stream)
                .filter(c -> scope.allows(c.tenant())).skip(offset).limit(limit).toList();
    }

    /** How many customers {@code scope}'s tenants have. */
    default long count(TenantScope scope) {
        return scope.all() ? count() : java.util.stream.Stream.iterate(0, from -> from + 500)
                .map(from -> page(from, 500)).takeWhile(chunk -> !chunk.isEmpty()).flatMap(List::stream)
                .filter(c -> scope.allows(c.tenant())).count();
    }

    /** The first customer of {@code tenant}, by id, with {@code email} among its contact addresses. */
    default Optional<Customer> findByContactEmail(String tenant, String email) {
        TenantScope scope = TenantScope.of(List.of(tenant));
        return java.util.stream.Stream.iterate(0, from -> from + 500).map(from -> page(scope, from, 500))
                .takeWhile(chunk -> !chunk.isEmpty()).flatMap(List::stream).filter(c -> c.hasContact(email))
                .findFirst();
    }

    void save(Customer customer);
}
