package io.dispatchgateway.gateway.persistence;

import io.dispatchgateway.core.model.Approval;
import io.dispatchgateway.core.model.ApprovalStatus;
import io.dispatchgateway.core.model.Assignment;
import io.dispatchgateway.core.model.Classification;
import io.dispatchgateway.core.model.DispatchPack;
import io.dispatchgateway.core.model.GeoPoint;
import io.dispatchgateway.core.model.Job;
import io.dispatchgateway.core.model.JobStatus;
import io.dispatchgateway.core.model.Recommendation;
import io.dispatchgateway.core.model.TenantScope;
import io.dispatchgateway.core.rank.RankingInput;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Jobs, their decisions and approvals. Every stage moves a job forward with a conditional update on its
 * current status, so a redelivered event cannot apply a stage twice.
 */
@Repository
public class JobStore {

    private static final String JOB_COLUMNS =
            "id, status, job, classification, recommendation, assignment, pack, updated_at";

    private final JdbcClient jdbc;
    private final JsonCodec json;
    private final Clock clock;
    private final Savepoint savepoint;

    public JobStore(JdbcClient jdbc, JsonCodec json, Clock clock, Savepoint savepoint) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.savepoint = savepoint;
    }

    /** A job with everything decided about it so far. */
    public record StoredJob(Job job, JobStatus status, Classification classification, Recommendation recommendation,
            Assignment assignment, DispatchPack pack, Instant updatedAt) {}

    /** The light view of a job the SLA monitor looks at every round: no recommendation, assignment or pack. */
    public record Watched(Job job, JobStatus status, Classification classification) {}

    /** The outcome of an idempotent insert: the job's id and whether this call created it. */
    public record Insert(String id, JobStatus status, boolean created) {}

    public Insert insertIfAbsent(Job job) {
        Optional<Insert> existing = findBySourceKey(job.tenant(), job.source(), job.externalId());
        if (existing.isPresent()) {
            return existing.get();
        }
        try {
            // Under a savepoint: when a concurrent intake of the same job wins the race, PostgreSQL would abort the
            // whole transaction on the key violation; rolled back to the savepoint, it can still read the winner.
            savepoint.attempt(() -> jdbc.sql("INSERT INTO job (id, tenant, source, external_id,"
                            + " customer_id, status, received_at, updated_at, job) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .param(job.id()).param(job.tenant()).param(job.source()).param(job.externalId()).param(job.customerId())
                    .param(JobStatus.RECEIVED.name()).param(utc(job.receivedAt())).param(now())
                    .param(json.write(job))
                    .update());
            return new Insert(job.id(), JobStatus.RECEIVED, true);
        } catch (DuplicateKeyException raced) {
            return findBySourceKey(job.tenant(), job.source(), job.externalId()).orElseThrow(() -> raced);
        }
    }

    private Optional<Insert> findBySourceKey(String tenant, String source, String externalId) {
        return jdbc.sql("SELECT id, status FROM job WHERE tenant = ? AND source = ? AND external_id = ?")
                .param(tenant).param(source).param(externalId)
                .query((rs, row) -> new Insert(rs.getString("id"), JobStatus.valueOf(rs.getString("status")), false))
                .optional();
    }

    /** The gateway's id of the job a source knows as {@code externalId}, in {@code tenant}. */
    public Optional<String> findId(String tenant, String source, String externalId) {
        return findBySourceKey(tenant, source, externalId).map(Insert::id);
    }

    /**
     * The gateway's id of the job a source knows as {@code externalId}, when one tenant has it: a source system's
     * own events (ServiceTitan's) name no tenant, and its jobs are its adapter's alone (owned sources).
     */
    public Optional<String> findId(String source, String externalId) {
        List<String> ids = jdbc.sql("SELECT id FROM job WHERE source = ? AND external_id = ? FETCH FIRST 2 ROWS ONLY")
                .param(source).param(externalId).query(String.class).list();
        return ids.size() == 1 ? Optional.of(ids.get(0)) : Optional.empty();
    }

    /** The tenant a job belongs to. */
    public Optional<String> tenantOf(String jobId) {
        return jdbc.sql("SELECT tenant FROM job WHERE id = ?").param(jobId).query(String.class).optional();
    }

    /** The tenant of an approval's job. */
    public Optional<String> tenantOfApproval(String approvalId) {
        return jdbc.sql("SELECT j.tenant FROM approval a JOIN job j ON j.id = a.job_id WHERE a.id = ?")
                .param(approvalId).query(String.class).optional();
    }

    /** The tenants of the jobs among {@code jobIds} that exist. */
    public java.util.SortedSet<String> tenantsOf(java.util.Collection<String> jobIds) {
        java.util.SortedSet<String> tenants = new java.util.TreeSet<>();
        List<String> ids = List.copyOf(new java.util.LinkedHashSet<>(jobIds));
        for (int from = 0; from < ids.size(); from += 500) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            tenants.addAll(jdbc.sql("SELECT DISTINCT tenant FROM job WHERE id IN ("
                            + String.join(", ", java.util.Collections.nCopies(chunk.size(), "?")) + ")")
                    .params(chunk).query(String.class).list());
        }
        return tenants;
    }

    /** The job, its status and classification only (see {@link Watched}). */
    public Optional<Watched> watched(String id) {
        return jdbc.sql("SELECT job, status, classification FROM job WHERE id = ?").param(id)
                .query((rs, row) -> new Watched(json.read(rs.getString("job"), Job.class),
                        JobStatus.valueOf(rs.getString("status")),
                        json.read(rs.getString("classification"), Classification.class)))
                .optional();
    }

    public Optional<StoredJob> find(String id) {
        return jdbc.sql("SELECT " + JOB_COLUMNS + " FROM job WHERE id = ?").param(id)
                .query(this::storedJob).optional();
    }

    /** @return whether the job was still in {@code from} and has been moved on */
    public boolean classified(String id, Classification classification) {
        return jdbc.sql("UPDATE job SET classification = ?, status = ?, updated_at = ? WHERE id = ? AND status = ?")
                .param(json.write(classification)).param(JobStatus.CLASSIFIED.name()).param(now()).param(id)
                .param(JobStatus.RECEIVED.name()).update() == 1;
    }

    /**
     * Stores the recommendation, and the snapshot of inputs it was computed from (compressed, in
     * {@code ranking_snapshot}: it is read only to replay the decision), in the caller's transaction.
     */
    public boolean ranked(String id, Recommendation recommendation, RankingInput input) {
        boolean moved = jdbc.sql("UPDATE job SET recommendation = ?, ranking_input = NULL, status = ?, updated_at = ?"
                        + " WHERE id = ? AND status = ?")
                .param(json.write(recommendation)).param(JobStatus.RANKED.name())
                .param(now()).param(id).param(JobStatus.CLASSIFIED.name()).update() == 1;
        if (moved) {
            jdbc.sql("DELETE FROM ranking_snapshot WHERE job_id = ?").param(id).update();
            jdbc.sql("INSERT INTO ranking_snapshot (job_id, body) VALUES (?, ?)").param(id)
                    .param(Compressed.gzip(json.write(input))).update();
        }
        return moved;
    }

    /** Jobs received in {@code [from, to)}, oldest first. */
    public List<StoredJob> receivedBetween(Instant from, Instant to) {
        return jdbc.sql("SELECT " + JOB_COLUMNS + " FROM job WHERE received_at >= ? AND received_at < ?"
                        + " ORDER BY received_at, id")
                .param(utc(from)).param(utc(to)).query(this::storedJob).list();
    }

    /** The snapshot the job's ranking used. */
    public Optional<RankingInput> rankingInput(String id) {
        Optional<String> body = jdbc.sql("SELECT body FROM ranking_snapshot WHERE job_id = ?").param(id)
                .query(byte[].class).optional().map(Compressed::gunzip);
        if (body.isEmpty()) {
            body = jdbc.sql("SELECT ranking_input FROM job WHERE id = ? AND ranking_input IS NOT NULL").param(id)
                    .query(String.class).optional();
        }
        return body.map(json -> this.json.read(json, RankingInput.class));
    }

    public boolean moveStatus(String id, JobStatus from, JobStatus to) {
        return jdbc.sql("UPDATE job SET status = ?, updated_at = ? WHERE id = ? AND status = ?")
                .param(to.name()).param(now()).param(id).param(from.name()).update() == 1;
    }

    /**
     * Stores the assignment and pack, and when and where the technician will be busy until.
     *
     * @return whether the job was in one of {@code from} and is now assigned
     */
    public boolean assigned(String id, List<JobStatus> from, Assignment assignment, DispatchPack pack,
            Instant busyUntil, GeoPoint site) {
        int updated = 0;
        for (JobStatus status : from) {
            updated += jdbc.sql("UPDATE job SET assignment = ?, pack = ?, assigned_technician_id = ?, status = ?,"
                            + " busy_until = ?, site_lat = ?, site_lon = ?, updated_at = ? WHERE id = ? AND status = ?")
                    .param(json.write(assignment)).param(json.write(pack)).param(assignment.technicianId())
                    .param(JobStatus.ASSIGNED.name()).param(utc(busyUntil)).param(site.lat()).param(site.lon())
                    .param(now()).param(id).param(status.name()).update();
        }
        return updated == 1;
    }

    /**
     * Replaces the assignment of a job that is still with the replaced technician and in the field; the job is
     * ASSIGNED again (the new technician has not set off) with the new ETA.
     *
     * @return whether it was
     */
    public boolean reassigned(String id, Assignment assignment, DispatchPack pack, Instant busyUntil, Instant eta) {
        return jdbc.sql("UPDATE job SET assignment = ?, pack = ?, assigned_technician_id = ?, busy_until = ?,"
                        + " status = ?, eta = ?, en_route_at = NULL, updated_at = ?"
                        + " WHERE id = ? AND status IN (?, ?, ?, ?) AND assigned_technician_id = ?")
                .param(json.write(assignment)).param(json.write(pack)).param(assignment.technicianId())
                .param(utc(busyUntil)).param(JobStatus.ASSIGNED.name()).param(eta == null ? null : utc(eta))
                .param(now()).param(id).param(JobStatus.ASSIGNED.name()).param(JobStatus.EN_ROUTE.name())
                .param(JobStatus.PAUSED.name()).param(JobStatus.ON_SITE.name())
                .param(assignment.replacedTechnicianId()).update() == 1;
    }

    /** Replaces the pack of a job (a pickup on the way, a new commitment). */
    public void updatePack(String id, DispatchPack pack) {
        jdbc.sql("UPDATE job SET pack = ?, updated_at = ? WHERE id = ?").param(json.write(pack)).param(now()).param(id)
                .update();
    }

    /** Takes a job off its technician to be ranked again (it lost a priority conflict). @return whether it was */
    public boolean unassignForRanking(String id, String technicianId) {
        return jdbc.sql("UPDATE job SET status = ?, assignment = NULL, pack = NULL, assigned_technician_id = NULL,"
                        + " busy_until = NULL, eta = NULL, en_route_at = NULL, reported_eta = NULL,"
                        + " plan_technician_id = NULL, plan_seq = NULL, gate_cleared_at = NULL, updated_at = ?"
                        + " WHERE id = ? AND assigned_technician_id = ? AND status IN (?, ?, ?)")
                .param(JobStatus.CLASSIFIED.name()).param(now()).param(id).param(technicianId)
                .param(JobStatus.ASSIGNED.name()).param(JobStatus.EN_ROUTE.name()).param(JobStatus.PAUSED.name())
                .update() == 1;
    }

    /** Jobs sitting in {@code status} since before {@code before}, oldest first. */
    public List<String> stalled(JobStatus status, Instant before, int limit) {
        return jdbc.sql("SELECT id FROM job WHERE status = ? AND updated_at < ? ORDER BY updated_at"
                        + " FETCH FIRST ? ROWS ONLY")
                .param(status.name()).param(utc(before)).param(limit).query(String.class).list();
    }

    public Map<JobStatus, Long> countByStatus() {
        Map<JobStatus, Long> counts = new HashMap<>();
        jdbc.sql("SELECT status, COUNT(*) AS n FROM job GROUP BY status")
                .query(rs -> {
                    counts.put(JobStatus.valueOf(rs.getString("status")), rs.getLong("n"));
                });
        return counts;
    }

    public void insertApproval(Approval approval) {
        jdbc.sql("INSERT INTO approval (id, job_id, status, requested_at, body) VALUES (?, ?, ?, ?, ?)")
                .param(approval.id()).param(approval.jobId()).param(approval.status().name())
                .param(utc(approval.requestedAt())).param(json.write(approval)).update();
    }

    public Optional<Approval> findApproval(String id) {
        return jdbc.sql("SELECT body FROM approval WHERE id = ?").param(id).query(String.class).optional()
                .map(body -> json.read(body, Approval.class));
    }

    /** Every approval of the job, oldest request first. */
    public List<Approval> approvalsForJob(String jobId) {
        return jdbc.sql("SELECT body FROM approval WHERE job_id = ? ORDER BY requested_at, id").param(jobId)
                .query(String.class).list().stream().map(body -> json.read(body, Approval.class)).toList();
    }

    public Optional<Approval> latestApprovalForJob(String jobId) {
        return jdbc.sql("SELECT body FROM approval WHERE job_id = ? ORDER BY requested_at DESC FETCH FIRST 1 ROWS ONLY")
                .param(jobId).query(String.class).optional().map(body -> json.read(body, Approval.class));
    }

    /** Approvals in {@code status} of the jobs of {@code scope}'s tenants, oldest request first. */
    public List<Approval> approvals(ApprovalStatus status, TenantScope scope, int offset, int limit) {
        return TenantClause.bind(jdbc.sql("SELECT a.body FROM approval a JOIN job j ON j.id = a.job_id"
                        + " WHERE a.status = ?" + TenantClause.and("j.tenant", scope)
                        + " ORDER BY a.requested_at, a.id OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")
                .param(status.name()), scope).param(offset).param(limit).query(String.class).list().stream()
                .map(body -> json.read(body, Approval.class)).toList();
    }

    public long countApprovals(ApprovalStatus status, TenantScope scope) {
        return TenantClause.bind(jdbc.sql("SELECT COUNT(*) FROM approval a JOIN job j ON j.id = a.job_id"
                        + " WHERE a.status = ?" + TenantClause.and("j.tenant", scope)).param(status.name()), scope)
                .query(Long.class).single();
    }

    /** Records that the approval request reached its channel (and lets its claim go). */
    public void markNotified(String approvalId) {
        jdbc.sql("UPDATE approval SET notified_at = ?, notice_claimed_until = NULL WHERE id = ?").param(now())
                .param(approvalId).update();
    }

    /**
     * Takes the sending of an approval request for {@code lease}, so that of several senders (the gate, the
     * resend, two instances) one sends it.
     *
     * @return whether this caller holds it (it was not notified, and nobody else holds it)
     */
    public boolean claimNotice(String approvalId, Duration lease) {
        OffsetDateTime now = now();
        return jdbc.sql("UPDATE approval SET notice_claimed_until = ? WHERE id = ? AND notified_at IS NULL"
                        + " AND (notice_claimed_until IS NULL OR notice_claimed_until < ?)")
                .param(now.plus(lease)).param(approvalId).param(now).update() == 1;
    }

    /** Gives the sending back after a failed attempt, for the next resend. */
    public void releaseNotice(String approvalId) {
        jdbc.sql("UPDATE approval SET notice_claimed_until = NULL WHERE id = ?").param(approvalId).update();
    }

    /** Lets every notice claim go: at start-up of the embedded database, which no other process can hold. */
    public int releaseNoticeClaims() {
        return jdbc.sql("UPDATE approval SET notice_claimed_until = NULL WHERE notice_claimed_until IS NOT NULL")
                .update();
    }

    /**
     * Records that the approval gate cleared the job for automatic assignment, once.
     *
     * @return whether this call did (the job is still RANKED and was not cleared before)
     */
    public boolean markGateCleared(String id) {
        return jdbc.sql("UPDATE job SET gate_cleared_at = ? WHERE id = ? AND status = ? AND gate_cleared_at IS NULL")
                .param(now()).param(id).param(JobStatus.RANKED.name()).update() == 1;
    }

    /** Pending approvals whose request has not reached its channel, requested before {@code before}. */
    public List<Approval> notNotified(Instant before, int limit) {
        return jdbc.sql("SELECT body FROM approval WHERE status = ? AND notified_at IS NULL AND requested_at < ?"
                        + " ORDER BY requested_at FETCH FIRST ? ROWS ONLY")
                .param(ApprovalStatus.PENDING.name()).param(utc(before)).param(limit).query(String.class).list()
                .stream().map(body -> json.read(body, Approval.class)).toList();
    }

    /** Pending approvals not yet escalated, oldest first. */
    public List<Approval> pendingNotEscalated(int limit) {
        return jdbc.sql("SELECT body FROM approval WHERE status = ? AND escalated_at IS NULL ORDER BY requested_at"
                        + " FETCH FIRST ? ROWS ONLY")
                .param(ApprovalStatus.PENDING.name()).param(limit).query(String.class).list().stream()
                .map(body -> json.read(body, Approval.class)).toList();
    }

    /** Pending approvals escalated before {@code before}, oldest first. */
    public List<Approval> escalatedBefore(Instant before, int offset, int limit) {
        return jdbc.sql("SELECT body FROM approval WHERE status = ? AND escalated_at < ? ORDER BY requested_at, id"
                        + " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")
                .param(ApprovalStatus.PENDING.name()).param(utc(before)).param(offset).param(limit)
                .query(String.class).list().stream().map(body -> json.read(body, Approval.class)).toList();
    }

    /** Marks an approval escalated. @return whether this call did (it was pending and not yet escalated) */
    public boolean markEscalated(String approvalId) {
        return jdbc.sql("UPDATE approval SET escalated_at = ? WHERE id = ? AND status = ? AND escalated_at IS NULL")
                .param(now()).param(approvalId).param(ApprovalStatus.PENDING.name()).update() == 1;
    }

    /** Replaces a pending approval's proposal (another technician, more reasons). @return whether it was pending */
    public boolean repropose(Approval changed) {
        return jdbc.sql("UPDATE approval SET body = ? WHERE id = ? AND status = ?").param(json.write(changed))
                .param(changed.id()).param(ApprovalStatus.PENDING.name()).update() == 1;
    }

    /** Records a decision unless someone decided first. @return whether this decision won */
    public boolean decide(Approval decided) {
        return jdbc.sql("UPDATE approval SET status = ?, body = ? WHERE id = ? AND status = ?")
                .param(decided.status().name()).param(json.write(decided)).param(decided.id())
                .param(ApprovalStatus.PENDING.name()).update() == 1;
    }

    private StoredJob storedJob(ResultSet rs, int row) throws SQLException {
        return new StoredJob(json.read(rs.getString("job"), Job.class), JobStatus.valueOf(rs.getString("status")),
                json.read(rs.getString("classification"), Classification.class),
                json.read(rs.getString("recommendation"), Recommendation.class),
                json.read(rs.getString("assignment"), Assignment.class),
                json.read(rs.getString("pack"), DispatchPack.class),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
