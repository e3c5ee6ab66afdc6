package io.dispatchgateway.gateway.persistence;

import io.dispatchgateway.core.model.Classification;
import io.dispatchgateway.core.model.Job;
import io.dispatchgateway.core.model.JobStatus;
import io.dispatchgateway.core.plan.Visit;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The technicians' plans as stored: each job that a plan holds names its technician and its place. Visits in the
 * field come first (en route, on site), then the rest in plan order. Changes to one technician's plan are
 * serialized by {@link #lock}, a row lock on the technician held until the transaction ends, also across
 * instances on one database.
 */
@Repository
public class PlanStore {

    /** Statuses a plan holds: proposals waiting for a decision (escalated ones too), and jobs in the field. */
    static final List<JobStatus> PLANNED = List.of(JobStatus.RANKED, JobStatus.PENDING_APPROVAL, JobStatus.ESCALATED,
            JobStatus.ASSIGNED, JobStatus.PAUSED, JobStatus.EN_ROUTE, JobStatus.ON_SITE);

    private static final String SELECT = "SELECT id, status, job, classification, plan_technician_id, plan_seq,"
            + " en_route_at, arrived_at, reported_eta FROM job WHERE status IN (?, ?, ?, ?, ?, ?, ?)";
    private static final String ORDER = " ORDER BY plan_technician_id, CASE status WHEN 'ON_SITE' THEN 0"
            + " WHEN 'EN_ROUTE' THEN 1 ELSE 2 END, plan_seq, id";

    private final JdbcClient jdbc;
    private final JsonCodec json;

    public PlanStore(JdbcClient jdbc, JsonCodec json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Holds the technician's plan for the rest of the transaction. @return whether the technician exists */
    public boolean lock(String technicianId) {
        return jdbc.sql("UPDATE technician SET updated_at = updated_at WHERE id = ?").param(technicianId).update() == 1;
    }

    /** One technician's visits in plan order. */
    public List<Visit> visits(String technicianId) {
        return all(" AND plan_technician_id = ?", technicianId).getOrDefault(technicianId, List.of());
    }

    /** Every technician's visits in plan order. */
    public Map<String, List<Visit>> all() {
        // Read through the plan index (the technician's id): "IS NOT NULL" had H2 read every job in the statuses a
        // plan holds, the escalated ones without a place too (thousands after a burst, on each ranking).
        return all(" AND plan_technician_id IN (SELECT id FROM technician)", null);
    }

    private Map<String, List<Visit>> all(String where, String technicianId) {
        var sql = jdbc.sql(SELECT + where + ORDER);
        for (JobStatus status : PLANNED) {
            sql = sql.param(status.name());
        }
        if (technicianId != null) {
            sql = sql.param(technicianId);
        }
        Map<String, List<Visit>> plans = new LinkedHashMap<>();
        sql.query(rs -> {
            Visit visit = visit(rs);
            if (visit != null) {
                plans.computeIfAbsent(rs.getString("plan_technician_id"), k -> new ArrayList<>()).add(visit);
            }
        });
        return plans;
    }

    /** Whose plan holds the job, if any. */
    public Optional<String> holder(String jobId) {
        return jdbc.sql("SELECT plan_technician_id FROM job WHERE id = ? AND plan_technician_id IS NOT NULL")
                .param(jobId).query(String.class).optional();
    }

    /**
     * Writes the technician's plan order: the jobs named, in that order. A job already at its place is not written
     * (a job's row carries its documents, and most of a plan keeps its order when one job is inserted).
     */
    public void order(String technicianId, List<String> jobIds) {
        for (int i = 0; i < jobIds.size(); i++) {
            jdbc.sql("UPDATE job SET plan_technician_id = ?, plan_seq = ? WHERE id = ?"
                    + " AND (plan_technician_id IS DISTINCT FROM ? OR plan_seq IS DISTINCT FROM ?)")
                    .param(technicianId).param(i).param(jobIds.get(i)).param(technicianId).param(i).update();
        }
    }

    /** Takes the job out of every plan. */
    public void remove(String jobId) {
        jdbc.sql("UPDATE job SET plan_technician_id = NULL, plan_seq = NULL WHERE id = ?").param(jobId).update();
    }

    /** The arrival a technician or a rule announced for the job; null clears it. */
    public void reportEta(String jobId, Instant eta) {
        jdbc.sql("UPDATE job SET reported_eta = ? WHERE id = ?").param(eta == null ? null : eta.atOffset(ZoneOffset.UTC))
                .param(jobId).update();
    }

    /** Sets the ETA of an assigned job that has not set off, when the plan moved it. */
    public void planEta(String jobId, Instant eta) {
        OffsetDateTime at = eta.atOffset(ZoneOffset.UTC);
        jdbc.sql("UPDATE job SET eta = ? WHERE id = ? AND status = ? AND eta IS DISTINCT FROM ?").param(at).param(jobId)
                .param(JobStatus.ASSIGNED.name()).param(at).update();
    }

    private Visit visit(ResultSet rs) throws SQLException {
        String classification = rs.getString("classification");
        if (classification == null) {
            return null;
        }
        Job job = json.read(rs.getString("job"), Job.class);
        Classification c = json.read(classification, Classification.class);
        JobStatus status = JobStatus.valueOf(rs.getString("status"));
        Visit.State state = switch (status) {
            case ASSIGNED -> Visit.State.ASSIGNED;
            case PAUSED -> Visit.State.PAUSED;
            case EN_ROUTE -> Visit.State.EN_ROUTE;
            case ON_SITE -> Visit.State.ON_SITE;
            default -> Visit.State.PROPOSED;
        };
        Instant started = state == Visit.State.EN_ROUTE ? instant(rs, "en_route_at")
                : state == Visit.State.ON_SITE ? instant(rs, "arrived_at") : null;
        return new Visit(job.id(), state, job.location().point(), c.estimatedDuration(), c.slaDeadline(),
                job.arrivalWindow(), job.notBefore(), job.partsNeeded(), c.priority(), started,
                instant(rs, "reported_eta"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
