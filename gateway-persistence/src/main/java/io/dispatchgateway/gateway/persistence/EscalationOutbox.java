package io.dispatchgateway.gateway.persistence;

import io.dispatchgateway.core.model.Backoff;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Escalations still to be sent, written in the caller's transaction (with the decision that escalates, so the
 * decision and its escalation are both there or neither). Sending claims an entry with a short lease, so of
 * several senders one sends it; the lease of a sender that died lapses.
 */
@Repository
public class EscalationOutbox {

    /** One escalation to send. */
    public record Entry(long id, String jobId, String kind, String message, int attempts) {}

    private static final Duration CLAIM = Duration.ofMinutes(2);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(5);
    private static final Duration MAX_RETRY = Duration.ofMinutes(10);

    private final JdbcClient jdbc;
    private final Clock clock;

    public EscalationOutbox(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void enqueue(String jobId, String kind, String message) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        jdbc.sql("INSERT INTO escalation_outbox (job_id, kind, message, status, attempts, next_attempt_at, created_at)"
                        + " VALUES (?, ?, ?, 'PENDING', 0, ?, ?)")
                .param(jobId).param(kind).param(message).param(now).param(now).update();
    }

    /** Claims up to {@code limit} due entries, oldest first; each returned entry is this caller's until sent. */
    public List<Entry> claimDue(int limit) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<Entry> due = jdbc.sql("SELECT id, job_id, kind, message, attempts FROM escalation_outbox"
                        + " WHERE status = 'PENDING' AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until < ?)"
                        + " ORDER BY id FETCH FIRST ? ROWS ONLY")
                .param(now).param(now).param(limit)
                .query((rs, row) -> new Entry(rs.getLong("id"), rs.getString("job_id"), rs.getString("kind"),
                        rs.getString("message"), rs.getInt("attempts"))).list();
        return due.stream().filter(entry -> jdbc.sql("UPDATE escalation_outbox SET claimed_until = ? WHERE id = ?"
                        + " AND status = 'PENDING' AND (claimed_until IS NULL OR claimed_until < ?)")
                .param(now.plus(CLAIM)).param(entry.id()).param(now).update() == 1).toList();
    }

    public void sent(long id) {
        jdbc.sql("UPDATE escalation_outbox SET status = 'SENT', sent_at = ?, attempts = attempts + 1,"
                        + " claimed_until = NULL, last_error = NULL WHERE id = ?")
                .param(OffsetDateTime.now(clock)).param(id).update();
    }

    /** A failed send: tried again after a back-off that doubles from 5 s up to 10 min. */
    public void failed(Entry entry, String error) {
        Duration wait = new Backoff(FIRST_RETRY, MAX_RETRY).before(entry.attempts() + 1);
        jdbc.sql("UPDATE escalation_outbox SET attempts = attempts + 1, next_attempt_at = ?, claimed_until = NULL,"
                        + " last_error = ? WHERE id = ?")
                .param(OffsetDateTime.now(clock).plus(wait)).param(error).param(entry.id()).update();
    }

    /** Lets every claim go: at start-up of the embedded database, which no other process can hold. */
    public int releaseClaims() {
        return jdbc.sql("UPDATE escalation_outbox SET claimed_until = NULL WHERE claimed_until IS NOT NULL").update();
    }

    public long pending() {
        return jdbc.sql("SELECT COUNT(*) FROM escalation_outbox WHERE status = 'PENDING'").query(Long.class).single();
    }
}
