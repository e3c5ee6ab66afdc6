package io.dispatchgateway.gateway.persistence;

import io.dispatchgateway.core.model.TenantScope;
import io.dispatchgateway.core.model.Customer;
import io.dispatchgateway.core.port.CustomerDirectory;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Embedded default customer directory in the gateway's database, filled by the API and the roster file. */
public class JdbcCustomerDirectory implements CustomerDirectory {

    private final DocumentTable<Customer> table;

    public JdbcCustomerDirectory(JdbcClient jdbc, JsonCodec json, Clock clock, Savepoint savepoint) {
        this.table = new DocumentTable<>(jdbc, json, clock, "customer", Customer.class, Customer::id, savepoint,
                Customer::tenant);
    }

    @Override
    public Optional<Customer> find(String id) {
        return table.find(id);
    }

    @Override
    public List<Customer> page(int offset, int limit) {
        return table.page(offset, limit);
    }

    @Override
    public List<Customer> page(TenantScope scope, int offset, int limit) {
        return table.page(scope, offset, limit);
    }

    @Override
    public long count(TenantScope scope) {
        return table.count(scope);
    }

    @Override
    public long count() {
        return table.count();
    }

    /** Only the customers whose document holds the address are read, then checked. */
    @Override
    public Optional<Customer> findByContactEmail(String tenant, String email) {
        return table.containing(tenant, "\"" + email + "\"").stream().filter(c -> c.hasContact(email)).findFirst();
    }

    @Override
    public void save(Customer customer) {
        table.save(customer);
    }
}
