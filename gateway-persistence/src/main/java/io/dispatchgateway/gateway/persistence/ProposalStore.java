package io.dispatchgateway.gateway.persistence;

import io.dispatchgateway.core.plan.KnownLegs;
import io.dispatchgateway.optimizer.Optimization;
import io.dispatchgateway.optimizer.OptimizationProblem;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The plan optimizer's proposals and their moves. A proposal is written with all its moves in one transaction,
 * so after a crash it is either complete or absent; each move is decided once (a conditional update).
 */
@Repository
public class ProposalStore {

    /** Where a proposal stands: moves wait for a person (OPEN), or every move was decided (DECIDED). */
    public enum Status { OPEN, DECIDED }

    /** Where one move stands. */
    public enum MoveStatus {
        /** Applied by policy with the proposal, or by a person's acceptance. */
        APPLIED,
        /** Waiting for a dispatcher. */
        PENDING,
        REJECTED,
        /** The job or its plan moved on since the optimization; not applied. */
        STALE
    }

    /**
     * What a proposal holds beside its moves: the plans proposed and the plans as they stood (job ids in order,
     * per technician), the jobs left unplaced, the run's figures.
     *
     * @param measuredLegs legs laid out with a time the routing provider had measured (the others: the estimate)
     */
    public record Body(Map<String, List<String>> plans, Map<String, List<String>> plansBefore, List<String> unplaced,
            Optimization.Score before, Optimization.Score after, long evaluated, long spentMillis, long seed,
            Instant snapshotAt, int measuredLegs) {}

    /** A proposal as stored. */
    public record Proposal(String id, Instant createdAt, String requestedBy, String territory, Status status,
            Body body, List<StoredMove> moves, String decidedBy, Instant decidedAt) {}

    /**
     * A move as stored: the optimizer's move, whether a person must accept it and why, and its decision.
     *
     * @param gate why it waits for a person (a reassignment, a critical, safety or top-tier job), or null
     */
    public record StoredMove(int seq, String jobId, boolean gated, String gate, MoveStatus status,
            Optimization.Move move, String note, String decidedBy, Instant decidedAt) {}

    private final JdbcClient jdbc;
    private final JsonCodec json;
    private final Clock clock;

    public ProposalStore(JdbcClient jdbc, JsonCodec json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /** What an optimization saw: the problem and the legs it had measured; a replay runs it again. */
    public record Snapshot(OptimizationProblem problem, List<KnownLegs.Leg> measuredLegs) {}

    /** @param tenants the tenants of every job the proposal shows: only users of all of them see it */
    public void insert(Proposal proposal, Snapshot snapshot, java.util.Collection<String> tenants) {
        jdbc.sql("INSERT INTO plan_proposal (id, created_at, requested_by, territory, status, body, snapshot,"
                        + " tenants) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .param(proposal.id()).param(utc(proposal.createdAt())).param(proposal.requestedBy())
                .param(proposal.territory()).param(proposal.status().name()).param(json.write(proposal.body()))
                .param(json.write(snapshot)).param(String.join(",", new java.util.TreeSet<>(tenants))).update();
        for (StoredMove move : proposal.moves()) {
            jdbc.sql("INSERT INTO plan_move (proposal_id, seq, job_id, gated, status, body, note)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?)")
                    .param(proposal.id()).param(move.seq()).param(move.jobId()).param(move.gated())
                    .param(move.status().name()).param(json.write(new MoveBody(move.gate(), move.move())))
                    .param(move.note()).update();
        }
    }

    public Optional<Snapshot> snapshot(String id) {
        return jdbc.sql("SELECT snapshot FROM plan_proposal WHERE id = ? AND snapshot IS NOT NULL").param(id)
                .query(String.class).optional().map(text -> json.read(text, Snapshot.class));
    }

    public Optional<Proposal> find(String id) {
        return jdbc.sql("SELECT * FROM plan_proposal WHERE id = ?").param(id).query(this::proposal).optional();
    }

    /** The latest proposals, newest first. */
    public List<Proposal> latest(int limit) {
        return latest(limit, io.dispatchgateway.core.model.TenantScope.ALL);
    }

    /** The latest proposals whose every job is of {@code scope}'s tenants, newest first. */
    public List<Proposal> latest(int limit, io.dispatchgateway.core.model.TenantScope scope) {
        List<String> ids = new java.util.ArrayList<>();
        try (var rows = jdbc.sql("SELECT id, tenants FROM plan_proposal ORDER BY created_at DESC, id")
                .query((rs, row) -> Map.entry(rs.getString("id"), tenants(rs.getString("tenants")))).stream()) {
            rows.filter(row -> scope.covers(row.getValue())).limit(limit).forEach(row -> ids.add(row.getKey()));
        }
        return ids.stream().map(this::find).flatMap(Optional::stream).toList();
    }

    /**
     * The tenants of the jobs a proposal shows; a proposal stored before tenants were recorded has none, so only
     * a user of every tenant sees it.
     */
    public Optional<List<String>> tenantsOf(String id) {
        return jdbc.sql("SELECT tenants FROM plan_proposal WHERE id = ?").param(id)
                .query((rs, row) -> tenants(rs.getString("tenants"))).optional();
    }

    private static List<String> tenants(String column) {
        return column == null || column.isBlank() ? List.of() : List.of(column.split(","));
    }

    /** Decides a pending move. @return whether it was still pending (this decision won) */
    public boolean decide(String proposalId, int seq, MoveStatus status, String note, String by) {
        return jdbc.sql("UPDATE plan_move SET status = ?, note = ?, decided_by = ?, decided_at = ?"
                        + " WHERE proposal_id = ? AND seq = ? AND status = ?")
                .param(status.name()).param(note).param(by).param(utc(clock.instant())).param(proposalId).param(seq)
                .param(MoveStatus.PENDING.name()).update() == 1;
    }

    /**
     * Marks the waiting moves of the open proposals a new one replaces STALE (a newer optimization of the same
     * territory, or of all when {@code territory} is null) and closes them.
     *
     * @return the superseded proposals' ids
     */
    public List<String> supersede(String newId, String territory, String by) {
        return supersede(newId, territory, by, io.dispatchgateway.core.model.TenantScope.ALL);
    }

    /** As {@link #supersede(String, String, String)}, only the proposals whose every job is of {@code scope}. */
    public List<String> supersede(String newId, String territory, String by,
            io.dispatchgateway.core.model.TenantScope scope) {
        var query = jdbc.sql("SELECT id, tenants FROM plan_proposal WHERE status = ? AND id <> ?"
                        + (territory == null ? "" : " AND territory = ?"))
                .param(Status.OPEN.name()).param(newId);
        List<String> ids = (territory == null ? query : query.param(territory))
                .query((rs, row) -> Map.entry(rs.getString("id"), tenants(rs.getString("tenants")))).list().stream()
                .filter(row -> scope.covers(row.getValue())).map(Map.Entry::getKey).toList();
        for (String id : ids) {
            jdbc.sql("UPDATE plan_move SET status = ?, note = ?, decided_by = ?, decided_at = ? WHERE proposal_id = ?"
                            + " AND status = ?")
                    .param(MoveStatus.STALE.name()).param("superseded by plan proposal " + newId).param(by)
                    .param(utc(clock.instant())).param(id).param(MoveStatus.PENDING.name()).update();
            closeIfDecided(id, by);
        }
        return ids;
    }

    /** Marks the proposal DECIDED once no move is pending. */
    public void closeIfDecided(String proposalId, String by) {
        jdbc.sql("UPDATE plan_proposal SET status = ?, decided_by = ?, decided_at = ? WHERE id = ? AND status = ?"
                        + " AND NOT EXISTS (SELECT 1 FROM plan_move WHERE proposal_id = ? AND status = ?)")
                .param(Status.DECIDED.name()).param(by).param(utc(clock.instant())).param(proposalId)
                .param(Status.OPEN.name()).param(proposalId).param(MoveStatus.PENDING.name()).update();
    }

    /**
     * Takes the optimizer's lease on {@code scope} until {@code until}, unless another holder has it.
     *
     * @return whether this holder has it now
     */
    public boolean lease(String scope, String holder, Instant until) {
        Instant now = clock.instant();
        int taken = jdbc.sql("UPDATE plan_optimizer_lease SET holder = ?, until = ? WHERE scope = ?"
                        + " AND (until < ? OR holder = ?)")
                .param(holder).param(utc(until)).param(scope).param(utc(now)).param(holder).update();
        if (taken == 1) {
            return true;
        }
        try {
            return jdbc.sql("INSERT INTO plan_optimizer_lease (scope, holder, until) VALUES (?, ?, ?)")
                    .param(scope).param(holder).param(utc(until)).update() == 1;
        } catch (org.springframework.dao.DuplicateKeyException e) {
            return false; // held by another instance
        }
    }

    public void release(String scope, String holder) {
        jdbc.sql("DELETE FROM plan_optimizer_lease WHERE scope = ? AND holder = ?").param(scope).param(holder)
                .update();
    }

    /**
     * Claims the announcement of a proposal for {@code lease}, unless it was announced or another sender holds
     * it. @return whether this sender has it
     */
    public boolean claimNotice(String proposalId, java.time.Duration lease) {
        Instant now = clock.instant();
        return jdbc.sql("UPDATE plan_proposal SET notice_claimed_until = ? WHERE id = ? AND notified_at IS NULL"
                        + " AND (notice_claimed_until IS NULL OR notice_claimed_until < ?)")
                .param(utc(now.plus(lease))).param(proposalId).param(utc(now)).update() == 1;
    }

    public void markNotified(String proposalId) {
        jdbc.sql("UPDATE plan_proposal SET notified_at = ?, notice_claimed_until = NULL WHERE id = ?")
                .param(utc(clock.instant())).param(proposalId).update();
    }

    public void releaseNotice(String proposalId) {
        jdbc.sql("UPDATE plan_proposal SET notice_claimed_until = NULL WHERE id = ?").param(proposalId).update();
    }

    /** Open proposals with waiting moves, created before {@code before}, not yet announced: oldest first. */
    public List<String> notNotified(Instant before, int limit) {
        return jdbc.sql("SELECT p.id FROM plan_proposal p WHERE p.status = ? AND p.notified_at IS NULL"
                        + " AND p.created_at < ? AND EXISTS (SELECT 1 FROM plan_move m WHERE m.proposal_id = p.id"
                        + " AND m.status = ?) ORDER BY p.created_at FETCH FIRST ? ROWS ONLY")
                .param(Status.OPEN.name()).param(utc(before)).param(MoveStatus.PENDING.name()).param(limit)
                .query(String.class).list();
    }

    /** Lets every notice claim and optimizer lease go (embedded database start-up: their holders are gone). */
    public int releaseClaims() {
        return jdbc.sql("UPDATE plan_proposal SET notice_claimed_until = NULL WHERE notice_claimed_until IS NOT NULL")
                .update() + jdbc.sql("DELETE FROM plan_optimizer_lease").update();
    }

    /** How many jobs came in since {@code since} (a burst makes the optimizer run). */
    public long jobsReceivedSince(Instant since) {
        return jdbc.sql("SELECT COUNT(*) FROM job WHERE received_at > ?").param(utc(since)).query(Long.class)
                .single();
    }

    private record MoveBody(String gate, Optimization.Move move) {}

    private Proposal proposal(ResultSet rs, int row) throws SQLException {
        String id = rs.getString("id");
        List<StoredMove> moves = jdbc.sql("SELECT * FROM plan_move WHERE proposal_id = ? ORDER BY seq").param(id)
                .query((m, n) -> {
                    MoveBody body = json.read(m.getString("body"), MoveBody.class);
                    return new StoredMove(m.getInt("seq"), m.getString("job_id"), m.getBoolean("gated"), body.gate(),
                            MoveStatus.valueOf(m.getString("status")), body.move(), m.getString("note"),
                            m.getString("decided_by"), instant(m, "decided_at"));
                }).list();
        return new Proposal(id, instant(rs, "created_at"), rs.getString("requested_by"), rs.getString("territory"),
                Status.valueOf(rs.getString("status")), json.read(rs.getString("body"), Body.class), moves,
                rs.getString("decided_by"), instant(rs, "decided_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
