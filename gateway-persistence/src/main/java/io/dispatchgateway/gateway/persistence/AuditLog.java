package io.dispatchgateway.gateway.persistence;

import io.dispatchgateway.core.model.AuditAction;
import io.dispatchgateway.core.model.TenantScope;
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

    /** A line about a job: it belongs to the job's tenant. */
    public void record(String jobId, String actor, AuditAction action, String detail) {
        jdbc.sql("INSERT INTO audit (job_id, tenant, at, actor, action, detail)"
                        + " VALUES (?, (SELECT tenant FROM job WHERE id = ?), ?, ?, ?, ?)")
                .param(jobId).param(jobId).param(OffsetDateTime.now(clock)).param(actor).param(action.wire()).param(detail)
                .update();
    }

    /** An administrative line about a record of {@code tenant} (null: the gateway's own, such as route toggles). */
    public void recordFor(String tenant, String actor, AuditAction action, String detail) {
        jdbc.sql("INSERT INTO audit (job_id, tenant, at, actor, action, detail) VALUES (NULL, ?, ?, ?, ?, ?)")
                .param(tenant).param(OffsetDateTime.now(clock)).param(actor).param(action.wire()).param(detail)
                .update();
    }

    public List<AuditEntry> forJob(String jobId) {
        return jdbc.sql("SELECT at, actor, action, detail FROM audit WHERE job_id = ? ORDER BY seq")
                .param(jobId).query(AuditLog::entry).list();
    }

    /** Gateway-wide entries (route toggles and other administration), newest first. */
    public List<AuditEntry> administrative(int limit) {
        return administrative(TenantScope.ALL, limit);
    }

    /** The gateway-wide entries of {@code scope}'s tenants (the gateway's own only for every tenant), newest first. */
    public List<AuditEntry> administrative(TenantScope scope, int limit) {
        return TenantClause.bind(jdbc.sql("SELECT at, actor, action, detail FROM audit WHERE job_id IS NULL"
                + TenantClause.and("tenant", scope) + " ORDER BY seq DESC FETCH FIRST ? ROWS ONLY"), scope)
                .param(limit).query(AuditLog::entry).list();
    }

    private static AuditEntry entry(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        OffsetDateTime at = rs.getObject("at", OffsetDateTime.class);
        return new AuditEntry(at == null ? Instant.EPOCH : at.withOffsetSameInstant(ZoneOffset.UTC).toInstant(),
                rs.getString("actor"), rs.getString("action"), rs.getString("detail"));
    }
}
