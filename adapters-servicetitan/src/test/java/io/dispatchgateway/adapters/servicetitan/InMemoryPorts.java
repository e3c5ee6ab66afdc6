package io.dispatchgateway.adapters.servicetitan;

import io.dispatchgateway.core.model.Customer;
import io.dispatchgateway.core.model.GeoPoint;
import io.dispatchgateway.core.model.Technician;
import io.dispatchgateway.core.port.TechnicianDirectory;
import java.time.Instant;
import io.dispatchgateway.core.port.CustomerDirectory;
import io.dispatchgateway.core.port.SyncCursorStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** The gateway ports the adapter writes to, kept in memory for tests. */
final class InMemoryPorts {

    private InMemoryPorts() {
    }

    static final class Cursors implements SyncCursorStore {
        final Map<String, String> values = new ConcurrentHashMap<>();

        @Override
        public Optional<String> cursor(String name) {
            return Optional.ofNullable(values.get(name));
        }

        @Override
        public void save(String name, String value) {
            values.put(name, value);
        }
    }

    static final class Technicians implements TechnicianDirectory {
        final Map<String, Technician> byId = new TreeMap<>();

        @Override
        public Optional<Technician> find(String id) {
            return Optional.ofNullable(byId.get(id));
        }

        @Override
        public List<Technician> all() {
            return List.copyOf(byId.values());
        }

        @Override
        public List<Technician> page(int offset, int limit) {
            return byId.values().stream().skip(offset).limit(limit).toList();
        }

        @Override
        public long count() {
            return byId.size();
        }

        @Override
        public void save(Technician technician) {
            byId.put(technician.id(), technician);
        }

        @Override
        public void updateLocation(String technicianId, GeoPoint location, Instant at) {
            byId.computeIfPresent(technicianId, (id, t) -> t.withLocation(location));
        }
    }

    static final class Customers implements CustomerDirectory {
        final Map<String, Customer> byId = new TreeMap<>();

        @Override
        public Optional<Customer> find(String id) {
            return Optional.ofNullable(byId.get(id));
        }

        @Override
        public List<Customer> page(int offset, int limit) {
            return byId.values().stream().skip(offset).limit(limit).toList();
        }

        @Override
        public long count() {
            return byId.size();
        }

        @Override
        public void save(Customer customer) {
            byId.put(customer.id(), customer);
        }
    }
}
