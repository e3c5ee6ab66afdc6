package io.dispatchgateway.gateway.persistence;

import io.dispatchgateway.core.model.Backoff;
import io.dispatchgateway.gateway.settings.GatewayProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The queue of assignments still to be written back. An entry is added in the same transaction as the
 * assignment, so none is lost; it stays PENDING, with its attempts and last error, until the write succeeds
 * (DONE) or the other system refuses it for good (REJECTED).
 */
@Repository
public class WriteBackQueue {

    /** State of a queued write-back. */
    public enum Status { PENDING, DONE, REJECTED }

    /** One queued write-back, as listed by the API. */
    public record Entry(long id, String jobId, Status status, int attempts, Instant nextAttemptAt, String lastError,
            Instant createdAt, Instant updatedAt) {}

    private static final Duration MAX_BACKOFF = Duration.ofMinutes(30);
    private static final Duration CLAIM = Duration.ofMinutes(2);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration initialBackoff;

    public WriteBackQueue(JdbcClient jdbc, Clock clock, GatewayProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.initialBackoff = properties.writeBack().initialBackoff();
    }

    public void enqueue(String jobId) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        jdbc.sql("INSERT INTO write_back (job_id, status, attempts, next_attempt_at, created_at, updated_at)"
                        + " VALUES (?, ?, 0, ?, ?, ?)")
                .param(jobId).param(Status.PENDING.name()).param(now).param(now).param(now).update();
    }

    /** Pending entries whose next attempt is due, oldest first. */
    public List<Entry> due(int limit) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return jdbc.sql("SELECT * FROM write_back WHERE status = ? AND next_attempt_at <= ?"
                        + " AND (claimed_until IS NULL OR claimed_until < ?) ORDER BY next_attempt_at, id"
                        + " FETCH FIRST ? ROWS ONLY")
                .param(Status.PENDING.name()).param(now).param(now).param(limit)
                .query(WriteBackQueue::entry).list();
    }

    /** Pending entries of a job, for delivering right after the assignment. */
    public List<Entry> pendingFor(String jobId) {
        return jdbc.sql("SELECT * FROM write_back WHERE status = ? AND job_id = ? ORDER BY id")
                .param(Status.PENDING.name()).param(jobId).query(WriteBackQueue::entry).list();
    }

    public List<Entry> list(Status status, int offset, int limit) {
        return list(status, io.dispatchgateway.core.model.TenantScope.ALL, offset, limit);
    }

    /** The entries in {@code status} of {@code scope}'s jobs, oldest first. */
    public List<Entry> list(Status status, io.dispatchgateway.core.model.TenantScope scope, int offset, int limit) {
        return TenantClause.bind(jdbc.sql("SELECT w.* FROM write_back w JOIN job j ON j.id = w.job_id"
                        + " WHERE w.status = ?" + TenantClause.and("j.tenant", scope)
                        + " ORDER BY w.id OFFSET ? ROWS FETCH NEXT ? ROWS ONLY").param(status.name()), scope)
                .param(offset).param(limit).query(WriteBackQueue::entry).list();
    }

    public long count(Status status) {
        return count(status, io.dispatchgateway.core.model.TenantScope.ALL);
    }

    public long count(Status status, io.dispatchgateway.core.model.TenantScope scope) {
        return TenantClause.bind(jdbc.sql("SELECT COUNT(*) FROM write_back w JOIN job j ON j.id = w.job_id"
                        + " WHERE w.status = ?" + TenantClause.and("j.tenant", scope)).param(status.name()), scope)
                .query(Long.class).single();
    }

    /**
     * Takes a due entry for one delivery attempt, so two deliverers (the assignment itself and the retry route,
     * or two instances) never write the same thing back at once. The claim is a lease of {@link #CLAIM}, longer
     * than one delivery with its retries can take; it ends with the attempt (done, refused or failed), or lapses
     * when its holder died.
     *
     * @return whether this caller holds the entry now
     */
    public boolean claim(Entry entry) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return jdbc.sql("UPDATE write_back SET claimed_until = ? WHERE id = ? AND status = ? AND next_attempt_at <= ?"
                        + " AND (claimed_until IS NULL OR claimed_until < ?)")
                .param(now.plus(CLAIM)).param(entry.id()).param(Status.PENDING.name()).param(now).param(now)
                .update() == 1;
    }

    /** Lets every claim go: at start-up of the embedded database, which no other process can hold. */
    public int releaseClaims() {
        return jdbc.sql("UPDATE write_back SET claimed_until = NULL WHERE claimed_until IS NOT NULL").update();
    }

    public void done(long id) {
        finish(id, Status.DONE, null);
    }

    public void rejected(long id, String reason) {
        finish(id, Status.REJECTED, reason);
    }

    /** Records a failed attempt; the next waits the initial back-off, doubling up to 30 minutes. */
    public void failed(Entry entry, String error) {
        int attempts = entry.attempts() + 1;
        Duration wait = new Backoff(initialBackoff, MAX_BACKOFF).before(attempts);
        OffsetDateTime now = OffsetDateTime.now(clock);
        jdbc.sql("UPDATE write_back SET attempts = ?, next_attempt_at = ?, last_error = ?, updated_at = ?,"
                        + " claimed_until = NULL WHERE id = ?")
                .param(attempts).param(now.plus(wait)).param(error).param(now).param(entry.id()).update();
    }

    private void finish(long id, Status status, String error) {
        jdbc.sql("UPDATE write_back SET status = ?, attempts = attempts + 1, last_error = ?, updated_at = ?,"
                        + " claimed_until = NULL WHERE id = ?")
                .param(status.name()).param(error).param(OffsetDateTime.now(clock)).param(id).update();
    }

    private static Entry entry(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Entry(rs.getLong("id"), rs.getString("job_id"), Status.valueOf(rs.getString("status")),
                rs.getInt("attempts"), rs.getObject("next_attempt_at", OffsetDateTime.class).toInstant(),
                rs.getString("last_error"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }
}
