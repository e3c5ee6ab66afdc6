package io.dispatchgateway.gateway.persistence;

import io.dispatchgateway.core.model.GeoPoint;
import io.dispatchgateway.core.model.Technician;
import io.dispatchgateway.core.port.TechnicianDirectory;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

/** Embedded default technician directory in the gateway's database, filled by the API and the roster file. */
public class JdbcTechnicianDirectory implements TechnicianDirectory {

    private final DocumentTable<Technician> table;
    private final TechnicianFixLog fixes;
    private final Clock clock;

    public JdbcTechnicianDirectory(JdbcClient jdbc, JsonCodec json, Clock clock, Savepoint savepoint,
            TechnicianFixLog fixes) {
        this.fixes = fixes;
        this.clock = clock;
        this.table = new DocumentTable<>(jdbc, json, clock, "technician", Technician.class, Technician::id, savepoint);
    }

    @Override
    public Optional<Technician> find(String id) {
        return table.find(id);
    }

    @Override
    public List<Technician> all() {
        return table.all();
    }

    @Override
    public List<Technician> page(int offset, int limit) {
        return table.page(offset, limit);
    }

    @Override
    public long count() {
        return table.count();
    }

    @Override
    public void save(Technician technician) {
        table.save(technician);
    }

    @Override
    @Transactional
    public void updateLocation(String technicianId, GeoPoint location, Instant at) {
        Technician technician = table.find(technicianId)
                .orElseThrow(() -> new NoSuchElementException("no technician with id '" + technicianId + "'"));
        table.save(technician.withLocation(location));
        fixes.record(technicianId, location, at != null ? at : clock.instant());
    }
}
