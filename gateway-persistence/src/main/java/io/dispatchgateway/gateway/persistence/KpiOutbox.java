package io.dispatchgateway.gateway.persistence;

import io.dispatchgateway.core.model.TenantScope;
import io.dispatchgateway.core.port.KpiPush.FactRow;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * KPI fact rows waiting for the BI push service. A row is written in the same transaction as the fact it
 * describes; it is claimed with a batch, and leaves PENDING only when the service accepted the batch (DONE) or
 * refused it for good (REFUSED). Its id is the row id the service receives, so a report can count it once.
 */
@Repository
public class KpiOutbox {

    /** State of an outbox row. */
    public enum Status { PENDING, DONE, REFUSED }

    /** A claimed batch: its rows and how often they were tried before. */
    public record Batch(String claim, List<FactRow> rows, int attempts) {}

    /** Counts by state and the age of the oldest pending row, for operators. */
    public record Summary(long pending, long done, long refused, Instant oldestPending, String lastError) {}

    private static final Duration CLAIM = Duration.ofMinutes(1);

    private final JdbcClient jdbc;
    private final Clock clock;

    public KpiOutbox(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void add(FactRow row) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        jdbc.sql("INSERT INTO kpi_outbox (job_id, fact, at, tenant, territory, category, priority, technician_id, actor,"
                        + " minutes, status, attempts, next_attempt_at, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)")
                .param(row.jobId()).param(row.fact()).param(OffsetDateTime.ofInstant(row.at(), clock.getZone()))
                .param(row.tenant()).param(row.territory()).param(row.category()).param(row.priority())
                .param(row.technicianId()).param(row.actor()).param(row.minutes()).param(Status.PENDING.name())
                .param(now).param(now).update();
    }

    /**
     * Takes up to {@code limit} due rows, oldest first, for one delivery attempt. Two deliverers never hold the
     * same row: the claim is one conditional update, and it lapses after a minute if its holder died.
     */
    public Batch claim(int limit) {
        String claim = UUID.randomUUID().toString();
        OffsetDateTime now = OffsetDateTime.now(clock);
        // One tenant per batch (the oldest due row's), so a push service can send each tenant's rows to its own
        // dataset and a batch is delivered or not as a whole.
        var oldest = jdbc.sql("SELECT tenant FROM kpi_outbox WHERE status = ? AND next_attempt_at <= ? ORDER BY id"
                        + " FETCH FIRST 1 ROWS ONLY").param(Status.PENDING.name()).param(now)
                .query((rs, row) -> java.util.Optional.ofNullable(rs.getString("tenant"))).optional();
        if (oldest.isEmpty()) {
            return new Batch(claim, List.of(), 0);
        }
        String tenant = oldest.get().orElse(null);
        String sameTenant = tenant == null ? " AND tenant IS NULL" : " AND tenant = ?";
        var update = jdbc.sql("UPDATE kpi_outbox SET claim = ?, next_attempt_at = ? WHERE status = ? AND next_attempt_at <= ?"
                        + " AND id IN (SELECT id FROM kpi_outbox WHERE status = ? AND next_attempt_at <= ?" + sameTenant
                        + " ORDER BY id FETCH FIRST ? ROWS ONLY)")
                .param(claim).param(now.plus(CLAIM)).param(Status.PENDING.name()).param(now)
                .param(Status.PENDING.name()).param(now);
        int taken = (tenant == null ? update : update.param(tenant)).param(limit).update();
        if (taken == 0) {
            return new Batch(claim, List.of(), 0);
        }
        List<FactRow> rows = jdbc.sql("SELECT * FROM kpi_outbox WHERE claim = ? AND status = ? ORDER BY id")
                .param(claim).param(Status.PENDING.name()).query(KpiOutbox::row).list();
        int attempts = jdbc.sql("SELECT MAX(attempts) FROM kpi_outbox WHERE claim = ?").param(claim)
                .query(Integer.class).single();
        return new Batch(claim, rows, attempts);
    }

    /** Lets every claim go (at start-up of the embedded database): claimed rows are due again at once. */
    public int releaseClaims() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return jdbc.sql("UPDATE kpi_outbox SET claim = NULL, next_attempt_at = ? WHERE status = ? AND claim IS NOT NULL"
                        + " AND next_attempt_at > ?")
                .param(now).param(Status.PENDING.name()).param(now).update();
    }

    public void delivered(Batch batch) {
        jdbc.sql("UPDATE kpi_outbox SET status = ?, attempts = attempts + 1, delivered_at = ?, last_error = NULL"
                        + " WHERE claim = ? AND status = ?")
                .param(Status.DONE.name()).param(OffsetDateTime.now(clock)).param(batch.claim())
                .param(Status.PENDING.name()).update();
    }

    public void refused(Batch batch, String reason) {
        jdbc.sql("UPDATE kpi_outbox SET status = ?, attempts = attempts + 1, last_error = ? WHERE claim = ? AND status = ?")
                .param(Status.REFUSED.name()).param(reason).param(batch.claim()).param(Status.PENDING.name())
                .update();
    }

    /** The batch goes back to waiting; its next attempt is {@code wait} away. */
    public void failed(Batch batch, String error, Duration wait) {
        jdbc.sql("UPDATE kpi_outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?, claim = NULL"
                        + " WHERE claim = ? AND status = ?")
                .param(OffsetDateTime.now(clock).plus(wait)).param(error).param(batch.claim())
                .param(Status.PENDING.name()).update();
    }

    /** Removes rows delivered before {@code before}. @return how many */
    public int purgeDelivered(Instant before) {
        return jdbc.sql("DELETE FROM kpi_outbox WHERE status = ? AND delivered_at < ?").param(Status.DONE.name())
                .param(OffsetDateTime.ofInstant(before, clock.getZone())).update();
    }

    public Summary summary() {
        return summary(TenantScope.ALL);
    }

    /** The summary of the rows of {@code scope}'s tenants. */
    public Summary summary(TenantScope scope) {
        String tenants = TenantClause.and("tenant", scope);
        return new Summary(count(Status.PENDING, scope), count(Status.DONE, scope), count(Status.REFUSED, scope),
                TenantClause.bind(jdbc.sql("SELECT created_at FROM kpi_outbox WHERE status = ?" + tenants
                        + " ORDER BY id FETCH FIRST 1 ROWS ONLY").param(Status.PENDING.name()), scope)
                        .query(OffsetDateTime.class).optional().map(OffsetDateTime::toInstant).orElse(null),
                TenantClause.bind(jdbc.sql("SELECT last_error FROM kpi_outbox WHERE last_error IS NOT NULL" + tenants
                        + " ORDER BY id DESC FETCH FIRST 1 ROWS ONLY"), scope).query(String.class).optional()
                        .orElse(null));
    }

    public long count(Status status) {
        return count(status, TenantScope.ALL);
    }

    public long count(Status status, TenantScope scope) {
        return TenantClause.bind(jdbc.sql("SELECT COUNT(*) FROM kpi_outbox WHERE status = ?"
                + TenantClause.and("tenant", scope)).param(status.name()), scope).query(Long.class).single();
    }

    private static FactRow row(ResultSet rs, int n) throws SQLException {
        return new FactRow(rs.getLong("id"), rs.getString("job_id"), rs.getString("fact"),
                rs.getObject("at", OffsetDateTime.class).toInstant(), rs.getString("tenant"),
                rs.getString("territory"), rs.getString("category"), rs.getString("priority"),
                rs.getString("technician_id"), rs.getString("actor"), rs.getObject("minutes", Double.class));
    }
}
