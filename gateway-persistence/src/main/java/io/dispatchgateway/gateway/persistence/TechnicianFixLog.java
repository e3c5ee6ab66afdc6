package io.dispatchgateway.gateway.persistence;

import io.dispatchgateway.core.model.GeoPoint;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Every position reported for a technician, with its time (the technician's record keeps only the last): a
 * recorded period is replayed with the technicians where they were.
 */
@Repository
public class TechnicianFixLog {

    /** A position and when it was reported. */
    public record Fix(String technicianId, Instant at, double lat, double lon) {}

    private final JdbcClient jdbc;

    public TechnicianFixLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void record(String technicianId, GeoPoint location, Instant at) {
        jdbc.sql("INSERT INTO technician_fix (technician_id, at, lat, lon) VALUES (?, ?, ?, ?)")
                .params(technicianId, at.atOffset(ZoneOffset.UTC), location.lat(), location.lon()).update();
    }

    /** The fixes before {@code to}, oldest first. */
    public List<Fix> before(Instant to) {
        return jdbc.sql("SELECT technician_id, at, lat, lon FROM technician_fix WHERE at < ? ORDER BY at, id")
                .param(to.atOffset(ZoneOffset.UTC))
                .query((rs, n) -> new Fix(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant(),
                        rs.getDouble(3), rs.getDouble(4)))
                .list();
    }
}
