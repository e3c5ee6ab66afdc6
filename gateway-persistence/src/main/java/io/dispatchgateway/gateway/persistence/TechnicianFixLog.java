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
 * recorded period is replayed with the technicians where they were. Kept {@link #KEEP} (a review replays at
 * most a month), then removed: positions are personal data.
 */
@Repository
public class TechnicianFixLog {

    /** A position and when it was reported. */
    public record Fix(String technicianId, Instant at, double lat, double lon) {}

    public static final java.time.Duration KEEP = java.time.Duration.ofDays(35);

    private final JdbcClient jdbc;
    private final java.time.Clock clock;

    public TechnicianFixLog(JdbcClient jdbc, java.time.Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void record(String technicianId, GeoPoint location, Instant at) {
        jdbc.sql("INSERT INTO technician_fix (technician_id, at, lat, lon) VALUES (?, ?, ?, ?)")
                .params(technicianId, utc(at), location.lat(), location.lon()).update();
    }

    /** Each technician's last fix before {@code at}. */
    public List<Fix> lastBefore(Instant at) {
        return jdbc.sql("SELECT f.technician_id, f.at, f.lat, f.lon FROM technician_fix f WHERE f.at < ? AND f.id ="
                        + " (SELECT MAX(l.id) FROM technician_fix l WHERE l.technician_id = f.technician_id"
                        + " AND l.at = (SELECT MAX(m.at) FROM technician_fix m WHERE m.technician_id = f.technician_id"
                        + " AND m.at < ?))")
                .param(utc(at)).param(utc(at)).query(TechnicianFixLog::fix).list();
    }

    /** The fixes in {@code [from, to)}, oldest first. */
    public List<Fix> between(Instant from, Instant to) {
        return jdbc.sql("SELECT technician_id, at, lat, lon FROM technician_fix WHERE at >= ? AND at < ? ORDER BY at, id")
                .param(utc(from)).param(utc(to)).query(TechnicianFixLog::fix).list();
    }

    /** Removes the fixes older than {@link #KEEP}. @return how many */
    public int purge() {
        return jdbc.sql("DELETE FROM technician_fix WHERE at < ?").param(utc(clock.instant().minus(KEEP))).update();
    }

    private static Fix fix(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Fix(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getDouble(3),
                rs.getDouble(4));
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
