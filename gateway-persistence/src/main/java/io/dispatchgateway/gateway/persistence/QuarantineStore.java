package io.dispatchgateway.gateway.persistence;

import io.dispatchgateway.core.intake.FieldProblem;
import io.dispatchgateway.core.model.Ids;
import io.dispatchgateway.core.model.TenantScope;
import io.dispatchgateway.gateway.settings.GatewayProperties;
import io.dispatchgateway.gateway.tenancy.TenantAccess;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Keeps every payload the gateway refused, with the field-level reasons, so nothing is lost. */
@Repository
public class QuarantineStore {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(QuarantineStore.class);

    /** At most this many problems are kept per entry. */
    static final int MAX_PROBLEMS = 50;

    private final JdbcClient jdbc;
    private final JsonCodec json;
    private final Clock clock;

    private final GatewayProperties.Quarantine limits;

    public QuarantineStore(JdbcClient jdbc, JsonCodec json, Clock clock, GatewayProperties properties) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.limits = properties.quarantine();
    }

    /**
     * Keeps a refused payload with its problems: at most {@code gateway.quarantine.max-payload} of the payload
     * (the entry says how long it was) and the first {@value #MAX_PROBLEMS} problems.
     *
     * @return the quarantine entry's id
     */
    public String quarantine(String source, String kind, List<FieldProblem> problems, String payload) {
        // A caller of one tenant sees its own refusals; the rest are for the users of every tenant.
        return quarantine(TenantAccess.current().single().orElse(null), source, kind, problems, payload);
    }

    /** As {@link #quarantine(String, String, List, String)}, for {@code tenant} (null: a user of every tenant). */
    public String quarantine(String tenant, String source, String kind, List<FieldProblem> problems,
            String payload) {
        String id = Ids.quarantine();
        int keep = (int) Math.min(Integer.MAX_VALUE, limits.maxPayload().toBytes());
        String kept = payload == null || payload.length() <= keep ? payload
                : payload.substring(0, keep) + "\u2026[cut: " + payload.length() + " characters in all]";
        List<FieldProblem> listed = problems.size() <= MAX_PROBLEMS ? problems : problems.subList(0, MAX_PROBLEMS);
        jdbc.sql("INSERT INTO quarantine (id, tenant, received_at, source, kind, errors, payload)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)")
                .param(id).param(tenant == null || tenant.length() > 40 ? null : tenant).param(OffsetDateTime.now(clock)).param(source == null ? "unknown"
                        : source.length() > 40 ? source.substring(0, 40) : source).param(kind)
                .param(json.write(listed)).param(kept).update();
        return id;
    }

    /** Removes the entries older than {@code gateway.quarantine.keep}. @return how many */
    public int purge() {
        return purgeBefore(clock.instant().minus(limits.keep()));
    }

    /** Removes the entries received before {@code cutoff}. @return how many */
    public int purgeBefore(Instant cutoff) {
        int removed = jdbc.sql("DELETE FROM quarantine WHERE received_at < ?")
                .param(cutoff.atOffset(ZoneOffset.UTC)).update();
        if (removed > 0) {
            LOG.info("Quarantine: {} entries received before {} removed", removed, cutoff);
        }
        return removed;
    }

    public List<Entry> page(int offset, int limit) {
        return page(TenantScope.ALL, offset, limit);
    }

    /** The entries of {@code scope}'s tenants, newest first; those of no known tenant only for every tenant. */
    public List<Entry> page(TenantScope scope, int offset, int limit) {
        return TenantClause.bind(jdbc.sql("SELECT id, tenant, received_at, source, kind, errors, payload FROM quarantine"
                        + " WHERE 1 = 1" + TenantClause.and("tenant", scope)
                        + " ORDER BY received_at DESC, id OFFSET ? ROWS FETCH NEXT ? ROWS ONLY"), scope)
                .param(offset).param(limit)
                .query((rs, row) -> new Entry(rs.getString("id"), rs.getString("tenant"),
                        rs.getObject("received_at", OffsetDateTime.class).toInstant(), rs.getString("source"),
                        rs.getString("kind"), List.of(json.read(rs.getString("errors"), FieldProblem[].class)),
                        rs.getString("payload")))
                .list();
    }

    public long count() {
        return count(TenantScope.ALL);
    }

    public long count(TenantScope scope) {
        return TenantClause.bind(jdbc.sql("SELECT COUNT(*) FROM quarantine WHERE 1 = 1"
                + TenantClause.and("tenant", scope)), scope).query(Long.class).single();
    }

    /**
     * A refused payload: whose (the tenant, when known), where it came from, what it was meant to be, why it was
     * refused, and the payload.
     */
    public record Entry(String id, String tenant, Instant receivedAt, String source, String kind,
            List<FieldProblem> errors,
            String payload) {}
}
