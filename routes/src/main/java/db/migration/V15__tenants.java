package db.migration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Tenants in the tables that are queried by tenant: jobs (the duplicate key becomes tenant, source and external
 * id), customers, quarantine entries and plan proposals. The tenant of a job or customer stored before is read
 * from its JSON document (jobs carried one for policy selection), so nothing moves to the default tenant by
 * mistake. A Java migration because H2 and PostgreSQL read JSON with different functions.
 */
public class V15__tenants extends BaseJavaMigration {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("ALTER TABLE job ADD COLUMN tenant VARCHAR(40) DEFAULT 'default' NOT NULL");
            ddl.execute("ALTER TABLE customer ADD COLUMN tenant VARCHAR(40) DEFAULT 'default' NOT NULL");
            ddl.execute("ALTER TABLE quarantine ADD COLUMN tenant VARCHAR(40)");
            ddl.execute("ALTER TABLE plan_proposal ADD COLUMN tenants VARCHAR(4000)");
        }
        backfill(connection, "SELECT id, job FROM job", "UPDATE job SET tenant = ? WHERE id = ?");
        backfill(connection, "SELECT id, body FROM customer", "UPDATE customer SET tenant = ? WHERE id = ?");
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("ALTER TABLE job DROP CONSTRAINT uq_job_source_external");
            ddl.execute("ALTER TABLE job ADD CONSTRAINT uq_job_tenant_source_external"
                    + " UNIQUE (tenant, source, external_id)");
            ddl.execute("CREATE INDEX ix_job_tenant ON job (tenant, status)");
            ddl.execute("CREATE INDEX ix_customer_tenant ON customer (tenant, id)");
            ddl.execute("CREATE INDEX ix_quarantine_tenant ON quarantine (tenant, received_at)");
        }
    }

    private static void backfill(Connection connection, String select, String update) throws Exception {
        Map<String, String> tenants = new LinkedHashMap<>();
        try (Statement read = connection.createStatement(); ResultSet rows = read.executeQuery(select)) {
            while (rows.next()) {
                JsonNode tenant = JSON.readTree(rows.getString(2)).get("tenant");
                if (tenant != null && tenant.isTextual() && !tenant.asText().isBlank()
                        && !"default".equals(tenant.asText())) {
                    tenants.put(rows.getString(1), tenant.asText());
                }
            }
        }
        try (PreparedStatement write = connection.prepareStatement(update)) {
            for (Map.Entry<String, String> row : tenants.entrySet()) {
                write.setString(1, row.getValue());
                write.setString(2, row.getKey());
                write.addBatch();
            }
            if (!tenants.isEmpty()) {
                write.executeBatch();
            }
        }
    }
}
