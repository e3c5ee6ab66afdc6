package io.dispatchgateway.gateway.persistence;

import io.dispatchgateway.core.model.TenantScope;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A table of JSON documents keyed by id ({@code technician}, {@code customer}, {@code depot}). Upsert is a
 * portable update-then-insert so it runs the same on H2 and PostgreSQL; an insert that loses a race to another
 * instance becomes the update.
 */
final class DocumentTable<T> {

    private final JdbcClient jdbc;
    private final JsonCodec json;
    private final Clock clock;
    private final String table;
    private final Class<T> type;
    private final Function<T, String> id;
    private final Savepoint savepoint;
    private final Function<T, String> tenant;

    DocumentTable(JdbcClient jdbc, JsonCodec json, Clock clock, String table, Class<T> type, Function<T, String> id,
            Savepoint savepoint) {
        this(jdbc, json, clock, table, type, id, savepoint, null);
    }

    /** @param tenant the document's tenant, kept in the table's {@code tenant} column to query by; null: none */
    DocumentTable(JdbcClient jdbc, JsonCodec json, Clock clock, String table, Class<T> type, Function<T, String> id,
            Savepoint savepoint, Function<T, String> tenant) {
        this.tenant = tenant;
        this.savepoint = savepoint;
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.table = table;
        this.type = type;
        this.id = id;
    }

    Optional<T> find(String key) {
        return jdbc.sql("SELECT body FROM " + table + " WHERE id = ?").param(key)
                .query(String.class).optional().map(body -> json.read(body, type));
    }

    List<T> page(int offset, int limit) {
        return jdbc.sql("SELECT body FROM " + table + " ORDER BY id OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")
                .param(offset).param(limit)
                .query(String.class).list().stream().map(body -> json.read(body, type)).toList();
    }

    /** A page of the documents of {@code scope}'s tenants; only for a table with a tenant column. */
    List<T> page(TenantScope scope, int offset, int limit) {
        return TenantClause.bind(jdbc.sql("SELECT body FROM " + table + " WHERE 1 = 1" + TenantClause.and("tenant",
                scope)
                        + " ORDER BY id OFFSET ? ROWS FETCH NEXT ? ROWS ONLY"), scope)
                .param(offset).param(limit)
                .query(String.class).list().stream().map(body -> json.read(body, type)).toList();
    }

    /**
     * The documents of {@code tenant} whose text holds {@code fragment} (case-insensitive), by id: a narrow
     * first cut the caller checks on the documents themselves; only for a table with a tenant column.
     */
    List<T> containing(String tenant, String fragment) {
        String pattern = "%" + fragment.toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\")
                .replace("%", "\\%").replace("_", "\\_") + "%";
        return jdbc.sql("SELECT body FROM " + table + " WHERE tenant = ? AND LOWER(body) LIKE ? ESCAPE '\\'"
                        + " ORDER BY id")
                .param(tenant).param(pattern)
                .query(String.class).list().stream().map(body -> json.read(body, type)).toList();
    }

    long count(TenantScope scope) {
        return TenantClause.bind(jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE 1 = 1"
                + TenantClause.and("tenant", scope)), scope).query(Long.class).single();
    }

    List<T> all() {
        return jdbc.sql("SELECT body FROM " + table + " ORDER BY id")
                .query(String.class).list().stream().map(body -> json.read(body, type)).toList();
    }

    long count() {
        return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
    }

    void save(T value) {
        String body = json.write(value);
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (update(value, body, now) == 0) {
            try {
                savepoint.attempt(() -> tenant == null
                        ? jdbc.sql("INSERT INTO " + table + " (id, body, updated_at) VALUES (?, ?, ?)")
                                .param(id.apply(value)).param(body).param(now).update()
                        : jdbc.sql("INSERT INTO " + table + " (id, body, updated_at, tenant) VALUES (?, ?, ?, ?)")
                                .param(id.apply(value)).param(body).param(now).param(tenant.apply(value)).update());
            } catch (DuplicateKeyException raced) {
                // Another instance inserted it first (two starting together load the same roster): update it.
                update(value, body, now);
            }
        }
    }

    private int update(T value, String body, OffsetDateTime now) {
        return tenant == null
                ? jdbc.sql("UPDATE " + table + " SET body = ?, updated_at = ? WHERE id = ?")
                        .param(body).param(now).param(id.apply(value)).update()
                : jdbc.sql("UPDATE " + table + " SET body = ?, updated_at = ?, tenant = ? WHERE id = ?")
                        .param(body).param(now).param(tenant.apply(value)).param(id.apply(value)).update();
    }
}
