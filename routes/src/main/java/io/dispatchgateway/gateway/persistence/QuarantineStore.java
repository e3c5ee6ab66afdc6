package io.dispatchgateway.gateway.persistence;

import io.dispatchgateway.core.intake.FieldProblem;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Keeps every payload the gateway refused, with the field-level reasons, so nothing is lost. */
@Repository
public class QuarantineStore {

    private final JdbcClient jdbc;
    private final JsonCodec json;
    private final Clock clock;

    public QuarantineStore(JdbcClient jdbc, JsonCodec json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /** @return the quarantine entry's id */
    public String quarantine(String source, String kind, List<FieldProblem> problems, String payload) {
        String id = "Q-" + UUID.randomUUID();
        jdbc.sql("INSERT INTO quarantine (id, received_at, source, kind, errors, payload) VALUES (?, ?, ?, ?, ?, ?)")
                .param(id).param(OffsetDateTime.now(clock)).param(source).param(kind).param(json.write(problems))
                .param(payload).update();
        return id;
    }

    public List<Entry> page(int offset, int limit) {
        return jdbc.sql("SELECT id, received_at, source, kind, errors, payload FROM quarantine"
                        + " ORDER BY received_at DESC, id OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")
                .param(offset).param(limit)
                .query((rs, row) -> new Entry(rs.getString("id"),
                        rs.getObject("received_at", OffsetDateTime.class).toInstant(), rs.getString("source"),
                        rs.getString("kind"), List.of(json.read(rs.getString("errors"), FieldProblem[].class)),
                        rs.getString("payload")))
                .list();
    }

    public long count() {
        return jdbc.sql("SELECT COUNT(*) FROM quarantine").query(Long.class).single();
    }

    /** A refused payload: where it came from, what it was meant to be, why it was refused, and the payload. */
    public record Entry(String id, Instant receivedAt, String source, String kind, List<FieldProblem> errors,
            String payload) {}
}
