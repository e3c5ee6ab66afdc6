package io.dispatchgateway.gateway.persistence;

import io.dispatchgateway.core.model.AuditEntry;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The append-only audit trail: per job, and gateway-wide (job id null) for administrative actions. */
@Repository
public class AuditLog {

    private final JdbcClient jdbc;
    private final Clock clock;

    public AuditLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void record(String jobId, String actor, String action, String detail) {
        jdbc.sql("INSERT INTO audit (job_id, at, actor, action, detail) VALUES (?, ?, ?, ?, ?)")
                .param(jobId).param(OffsetDateTime.now(clock)).param(actor).param(action).param(detail).update();
    }

    public List<AuditEntry> forJob(String jobId) {
        return jdbc.sql("SELECT at, actor, action, detail FROM audit WHERE job_id = ? ORDER BY seq")
                .param(jobId).query(AuditLog::entry).list();
    }

    /** Gateway-wide entries (route toggles and other administration), newest first. */
    public List<AuditEntry> administrative(int limit) {
        return jdbc.sql("SELECT at, actor, action, detail FROM audit WHERE job_id IS NULL ORDER BY seq DESC"
                + " FETCH FIRST ? ROWS ONLY").param(limit).query(AuditLog::entry).list();
    }

    private static AuditEntry entry(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        OffsetDateTime at = rs.getObject("at", OffsetDateTime.class);
        return new AuditEntry(at == null ? Instant.EPOCH : at.withOffsetSameInstant(ZoneOffset.UTC).toInstant(),
                rs.getString("actor"), rs.getString("action"), rs.getString("detail"));
    }
}
