package io.dispatchgateway.core.port;

import java.util.Optional;

/**
 * Where incremental sources keep how far they have read ({@code modifiedOnOrAfter} and the like), so a restart
 * neither reads everything again nor misses a change.
 */
public interface SyncCursorStore {

    Optional<String> cursor(String name);

    void save(String name, String value);
}
