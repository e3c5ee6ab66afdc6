package io.dispatchgateway.gateway.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dispatchgateway.core.intake.FieldProblem;
import io.dispatchgateway.gateway.settings.GatewayProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.unit.DataSize;

/** The quarantine on the gateway's own schema (in-memory H2, the real migrations). */
class QuarantineStoreTest {

    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

    private final JdbcClient jdbc = JdbcClient.create(database());

    private static JdbcDataSource database() {
        JdbcDataSource source = new JdbcDataSource();
        source.setURL("jdbc:h2:mem:quarantine-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(source).locations("classpath:db/migration").load().migrate();
        return source;
    }

    private QuarantineStore store(Instant now) {
        GatewayProperties properties = new GatewayProperties(null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, new GatewayProperties.Quarantine(Duration.ofDays(30),
                        DataSize.ofKilobytes(64), Duration.ofHours(1)));
        return new QuarantineStore(jdbc, new JsonCodec(new ObjectMapper()), Clock.fixed(now, ZoneOffset.UTC),
                properties);
    }

    @Test
    void anEntryKeepsAtMostItsCapOfPayloadAndProblemsAndSaysHowLongThePayloadWas() {
        List<FieldProblem> many = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            many.add(new FieldProblem("f" + i, "is wrong"));
        }

        store(NOW).quarantine("api", "job", many, "x".repeat(250_000));

        QuarantineStore.Entry entry = store(NOW).page(0, 10).get(0);
        assertThat(entry.payload()).hasSizeLessThan(66_000).endsWith("[cut: 250000 characters in all]");
        assertThat(entry.errors()).hasSize(QuarantineStore.MAX_PROBLEMS);
    }

    @Test
    void entriesOlderThanTheKeepAreRemoved() {
        store(NOW.minus(Duration.ofDays(31))).quarantine("api", "job", List.of(new FieldProblem("$", "old")), "{}");
        store(NOW.minus(Duration.ofDays(29))).quarantine("api", "job", List.of(new FieldProblem("$", "recent")), "{}");

        assertThat(store(NOW).purge()).isEqualTo(1);

        assertThat(store(NOW).page(0, 10)).extracting(e -> e.errors().get(0).message()).containsExactly("recent");
    }
}
