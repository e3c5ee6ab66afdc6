package io.dispatchgateway.gateway.persistence;

import io.dispatchgateway.core.live.ExceptionRules;
import io.dispatchgateway.core.live.SlaWatch;
import io.dispatchgateway.core.model.FieldEvent;
import io.dispatchgateway.core.model.JobStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * What the gateway knows about jobs in the field: their live columns (ETA, en route, arrival, completion), the
 * field events, the SLA stages fired, the exceptions decided and the customer update drafts.
 */
@Repository
public class LiveOpsStore {

    /** The live state of a job in the field. */
    public record Live(String jobId, JobStatus status, String technicianId, Instant eta, Instant enRouteAt,
            Instant arrivedAt, Instant completedAt, Boolean firstTimeFix) {}

    /** A recorded field event. */
    public record RecordedEvent(long id, String jobId, FieldEvent event, String recordedBy, Instant recordedAt) {}

    /** A fired SLA stage. */
    public record FiredStage(String jobId, SlaWatch.Stage stage, Instant firedAt, double probability) {}

    /** An exception and what the rule decided; open until the job moves on or a person closes it. */
    public record JobException(long id, String jobId, ExceptionRules.Family family, ExceptionRules.Outcome outcome,
            String technicianId, String depotId, Instant newEta, String reason, String source, String decidedBy,
            String status, Instant openedAt, Instant closedAt, String closedBy, String closing) {}

    /**
     * A customer update draft and, once a person sent it, when and by whom; {@code draftedBy} is who wrote its
     * text ({@code templates}, {@code model:<name>}).
     */
    public record CustomerUpdate(long id, String jobId, String reason, Instant eta, String text, Instant changedAt,
            Instant draftedAt, Instant sentAt, String sentBy, String draftedBy) {}

    private final JdbcClient jdbc;
    private final JsonCodec json;
    private final Clock clock;

    public LiveOpsStore(JdbcClient jdbc, JsonCodec json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    public Optional<Live> live(String jobId) {
        return jdbc.sql("SELECT id, status, assigned_technician_id, eta, en_route_at, arrived_at, completed_at,"
                + " first_time_fix FROM job WHERE id = ?").param(jobId).query(LiveOpsStore::live).optional();
    }

    /**
     * Jobs the SLA watch looks at (assigned, en route or paused: not yet on site), in id order after
     * {@code afterId}, so a round pages through all of them.
     */
    public List<String> watched(String afterId, int limit) {
        return jdbc.sql("SELECT id FROM job WHERE status IN (?, ?, ?) AND id > ? ORDER BY id FETCH FIRST ? ROWS ONLY")
                .param(JobStatus.ASSIGNED.name()).param(JobStatus.EN_ROUTE.name()).param(JobStatus.PAUSED.name())
                .param(afterId).param(limit).query(String.class).list();
    }

    public void setEta(String jobId, Instant eta) {
        jdbc.sql("UPDATE job SET eta = ? WHERE id = ?").param(utc(eta)).param(jobId).update();
    }

    /**
     * Moves the job for a field event, unless it moved meanwhile.
     *
     * @return whether the job was still in {@code from}
     */
    public boolean move(String jobId, JobStatus from, JobStatus to, String column, Instant at, Boolean firstTimeFix) {
        String set = column == null ? "" : "arrived_at".equals(column) ? ", arrived_at = COALESCE(arrived_at, ?)"
                : ", " + column + " = ?";
        var statement = jdbc.sql("UPDATE job SET status = ?, updated_at = ?" + set
                        + (firstTimeFix == null ? "" : ", first_time_fix = ?") + " WHERE id = ? AND status = ?")
                .param(to.name()).param(now());
        if (column != null) {
            statement = statement.param(utc(at));
        }
        if (firstTimeFix != null) {
            statement = statement.param(firstTimeFix);
        }
        return statement.param(jobId).param(from.name()).update() == 1;
    }

    public void addEvent(String jobId, FieldEvent event, String recordedBy) {
        jdbc.sql("INSERT INTO field_event (job_id, type, at, technician_id, body, recorded_by, recorded_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)")
                .param(jobId).param(event.type().name()).param(utc(event.at())).param(event.technicianId())
                .param(json.write(event)).param(recordedBy).param(now()).update();
    }

    public List<RecordedEvent> events(String jobId) {
        return jdbc.sql("SELECT * FROM field_event WHERE job_id = ? ORDER BY id").param(jobId)
                .query((rs, n) -> new RecordedEvent(rs.getLong("id"), rs.getString("job_id"),
                        json.read(rs.getString("body"), FieldEvent.class), rs.getString("recorded_by"),
                        instant(rs, "recorded_at")))
                .list();
    }

    /**
     * Records that a stage fired for a job. The primary key makes this the once-per-job guard, also between
     * instances.
     *
     * @return whether this call fired it (false: it had fired before)
     */
    public boolean fire(String jobId, SlaWatch.Stage stage, double probability) {
        try {
            return jdbc.sql("INSERT INTO sla_stage (job_id, stage, fired_at, probability) VALUES (?, ?, ?, ?)")
                    .param(jobId).param(stage.name()).param(now()).param(probability).update() == 1;
        } catch (DuplicateKeyException alreadyFired) {
            return false;
        }
    }

    /** Takes a fired stage back when acting on it failed, so the next round fires it again. */
    public void unfire(String jobId, SlaWatch.Stage stage) {
        jdbc.sql("DELETE FROM sla_stage WHERE job_id = ? AND stage = ?").param(jobId).param(stage.name()).update();
    }

    public List<FiredStage> stages(String jobId) {
        return jdbc.sql("SELECT * FROM sla_stage WHERE job_id = ? ORDER BY fired_at, stage").param(jobId)
                .query((rs, n) -> new FiredStage(rs.getString("job_id"), SlaWatch.Stage.valueOf(rs.getString("stage")),
                        instant(rs, "fired_at"), rs.getDouble("probability")))
                .list();
    }

    public void openException(String jobId, ExceptionRules.Decision decision, String source, String decidedBy,
            boolean closeNow) {
        OffsetDateTime now = now();
        jdbc.sql("INSERT INTO job_exception (job_id, family, outcome, technician_id, depot_id, new_eta, reason,"
                        + " source, decided_by, status, opened_at, closed_at, closed_by, closing)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .param(jobId).param(decision.family().name()).param(decision.outcome().name())
                .param(decision.technicianId()).param(decision.depotId()).param(utc(decision.newEta()))
                .param(decision.reason()).param(source).param(decidedBy).param(closeNow ? "CLOSED" : "OPEN")
                .param(now).param(closeNow ? now : null).param(closeNow ? decidedBy : null)
                .param(closeNow ? "resolved by the rule: " + decision.outcome() : null).update();
    }

    /** Closes every open exception of a job. @return how many */
    public int closeExceptions(String jobId, String by, String closing) {
        return jdbc.sql("UPDATE job_exception SET status = 'CLOSED', closed_at = ?, closed_by = ?, closing = ?"
                        + " WHERE job_id = ? AND status = 'OPEN'")
                .param(now()).param(by).param(closing).param(jobId).update();
    }

    /** Closes the open exceptions of one family of a job. @return how many */
    public int closeExceptions(String jobId, ExceptionRules.Family family, String by, String closing) {
        return jdbc.sql("UPDATE job_exception SET status = 'CLOSED', closed_at = ?, closed_by = ?, closing = ?"
                        + " WHERE job_id = ? AND family = ? AND status = 'OPEN'")
                .param(now()).param(by).param(closing).param(jobId).param(family.name()).update();
    }

    /** The type of the last field event {@code recordedBy} reported for a job, if any. */
    public Optional<String> lastEventType(String jobId, String recordedBy) {
        return jdbc.sql("SELECT type FROM field_event WHERE job_id = ? AND recorded_by = ? ORDER BY id DESC"
                        + " FETCH FIRST 1 ROWS ONLY")
                .param(jobId).param(recordedBy).query(String.class).optional();
    }

    public List<JobException> exceptions(String jobId) {
        return jdbc.sql("SELECT * FROM job_exception WHERE job_id = ? ORDER BY id").param(jobId)
                .query(LiveOpsStore::exception).list();
    }

    public List<JobException> openExceptions(int limit) {
        return openExceptions(io.dispatchgateway.core.model.TenantScope.ALL, limit);
    }

    /** The open exceptions of {@code scope}'s jobs, oldest first. */
    public List<JobException> openExceptions(io.dispatchgateway.core.model.TenantScope scope, int limit) {
        return TenantClause.bind(jdbc.sql("SELECT e.* FROM job_exception e JOIN job j ON j.id = e.job_id"
                        + " WHERE e.status = 'OPEN'" + TenantClause.and("j.tenant", scope)
                        + " ORDER BY e.opened_at FETCH FIRST ? ROWS ONLY"), scope)
                .param(limit).query(LiveOpsStore::exception).list();
    }

    /** Keeps a draft. @return its id */
    public long draft(String jobId, String reason, Instant eta, String text, Instant changedAt, String draftedBy) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO customer_update (job_id, reason, eta, text, changed_at, drafted_at, drafted_by)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)")
                .param(jobId).param(reason).param(utc(eta)).param(text).param(utc(changedAt)).param(now())
                .param(draftedBy).update(key, "id");
        return key.getKeyAs(Number.class).longValue();
    }

    /** Replaces the text of a draft nobody has sent yet. @return whether it was still unsent */
    public boolean redraft(long id, String text, String draftedBy) {
        return jdbc.sql("UPDATE customer_update SET text = ?, drafted_by = ?, drafted_at = ? WHERE id = ?"
                        + " AND sent_at IS NULL")
                .param(text).param(draftedBy).param(now()).param(id).update() == 1;
    }

    public List<CustomerUpdate> customerUpdates(String jobId) {
        return jdbc.sql("SELECT * FROM customer_update WHERE job_id = ? ORDER BY id").param(jobId)
                .query(LiveOpsStore::update).list();
    }

    /** Marks a draft sent. @return the update, or empty when the job has no such draft */
    public Optional<CustomerUpdate> sent(String jobId, long id, String by) {
        jdbc.sql("UPDATE customer_update SET sent_at = ?, sent_by = ? WHERE id = ? AND job_id = ? AND sent_at IS NULL")
                .param(now()).param(by).param(id).param(jobId).update();
        return jdbc.sql("SELECT * FROM customer_update WHERE id = ? AND job_id = ?").param(id).param(jobId)
                .query(LiveOpsStore::update).optional();
    }

    private static Live live(ResultSet rs, int n) throws SQLException {
        return new Live(rs.getString("id"), JobStatus.valueOf(rs.getString("status")),
                rs.getString("assigned_technician_id"), instant(rs, "eta"), instant(rs, "en_route_at"),
                instant(rs, "arrived_at"), instant(rs, "completed_at"), rs.getObject("first_time_fix", Boolean.class));
    }

    private static JobException exception(ResultSet rs, int n) throws SQLException {
        return new JobException(rs.getLong("id"), rs.getString("job_id"),
                ExceptionRules.Family.valueOf(rs.getString("family")),
                ExceptionRules.Outcome.valueOf(rs.getString("outcome")), rs.getString("technician_id"),
                rs.getString("depot_id"), instant(rs, "new_eta"), rs.getString("reason"), rs.getString("source"),
                rs.getString("decided_by"), rs.getString("status"), instant(rs, "opened_at"),
                instant(rs, "closed_at"), rs.getString("closed_by"), rs.getString("closing"));
    }

    private static CustomerUpdate update(ResultSet rs, int n) throws SQLException {
        return new CustomerUpdate(rs.getLong("id"), rs.getString("job_id"), rs.getString("reason"),
                instant(rs, "eta"), rs.getString("text"), instant(rs, "changed_at"), instant(rs, "drafted_at"),
                instant(rs, "sent_at"), rs.getString("sent_by"), rs.getString("drafted_by"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
