package io.dispatchgateway.core.port;

import io.dispatchgateway.core.model.Customer;
import java.util.List;
import java.util.Optional;

/** Where the gateway reads customers and their entitlements. */
public interface CustomerDirectory {

    Optional<Customer> find(String id);

    /** Page through the directory, ordered by id. */
    List<Customer> page(int offset, int limit);

    long count();

    void save(Customer customer);
}
