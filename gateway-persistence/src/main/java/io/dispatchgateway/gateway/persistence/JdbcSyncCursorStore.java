package io.dispatchgateway.gateway.persistence;

import io.dispatchgateway.core.port.SyncCursorStore;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Embedded default cursor store: one row per source in the gateway's database. */
public class JdbcSyncCursorStore implements SyncCursorStore {

    private final JdbcClient jdbc;
    private final Clock clock;

    public JdbcSyncCursorStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public Optional<String> cursor(String name) {
        return jdbc.sql("SELECT cursor_value FROM sync_cursor WHERE name = ?").param(name).query(String.class)
                .optional();
    }

    @Override
    public void save(String name, String value) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (jdbc.sql("UPDATE sync_cursor SET cursor_value = ?, updated_at = ? WHERE name = ?").param(value).param(now)
                .param(name).update() == 0) {
            jdbc.sql("INSERT INTO sync_cursor (name, cursor_value, updated_at) VALUES (?, ?, ?)").param(name)
                    .param(value).param(now).update();
        }
    }
}
