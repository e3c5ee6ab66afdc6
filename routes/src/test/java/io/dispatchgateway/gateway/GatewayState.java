package io.dispatchgateway.gateway;

import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The embedded database of a test's gateway as it started (technicians, customers, depots from the roster, no
 * work), so each test of a class that shares one application can begin from there: {@link #restore} removes the
 * work the earlier tests left (jobs, approvals, plans, proposals, outboxes, audit, quarantine) and puts the
 * reference data back as it was.
 */
final class GatewayState {

    /** Work tables, children before the tables they refer to. */
    private static final List<String> WORK = List.of("plan_move", "plan_proposal", "plan_optimizer_lease",
            "approval", "audit", "customer_update", "escalation_outbox", "field_event", "job_exception", "kpi_outbox",
            "sla_stage", "write_back", "quarantine", "ranking_snapshot", "model_exchange", "job");
    private static final List<String> REFERENCE = List.of("technician", "customer", "depot");

    private final JdbcTemplate jdbc;
    private final Map<String, List<Map<String, Object>>> reference;

    private GatewayState(JdbcTemplate jdbc, Map<String, List<Map<String, Object>>> reference) {
        this.jdbc = jdbc;
        this.reference = reference;
    }

    /** The reference data now (call before any test changed it). */
    static GatewayState snapshot(JdbcTemplate jdbc) {
        Map<String, List<Map<String, Object>>> rows = new java.util.HashMap<>();
        for (String table : REFERENCE) {
            rows.put(table, jdbc.queryForList("SELECT * FROM " + table));
        }
        return new GatewayState(jdbc, rows);
    }

    /** Back to the snapshot: no work, the reference data as it was. */
    void restore() {
        WORK.forEach(table -> jdbc.update("DELETE FROM " + table));
        for (String table : REFERENCE) {
            jdbc.update("DELETE FROM " + table);
            for (Map<String, Object> row : reference.get(table)) {
                jdbc.update("INSERT INTO " + table + " (" + String.join(", ", row.keySet()) + ") VALUES ("
                        + String.join(", ", java.util.Collections.nCopies(row.size(), "?")) + ")",
                        row.values().toArray());
            }
        }
    }
}
