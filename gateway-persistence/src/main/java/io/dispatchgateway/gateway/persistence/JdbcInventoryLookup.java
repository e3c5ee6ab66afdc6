package io.dispatchgateway.gateway.persistence;

import io.dispatchgateway.core.model.Depot;
import io.dispatchgateway.core.port.InventoryLookup;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Embedded default depot stock in the gateway's database, filled by the API and the roster file. */
public class JdbcInventoryLookup implements InventoryLookup {

    private final DocumentTable<Depot> table;

    public JdbcInventoryLookup(JdbcClient jdbc, JsonCodec json, Clock clock, Savepoint savepoint) {
        this.table = new DocumentTable<>(jdbc, json, clock, "depot", Depot.class, Depot::id, savepoint);
    }

    @Override
    public Optional<Depot> find(String id) {
        return table.find(id);
    }

    @Override
    public List<Depot> depots() {
        return table.all();
    }

    @Override
    public void save(Depot depot) {
        table.save(depot);
    }
}
