package io.dispatchgateway.core.port;

import io.dispatchgateway.core.model.Depot;
import java.util.List;
import java.util.Optional;

/** Stock at depots (truck stock travels with the technician record). */
public interface InventoryLookup {

    Optional<Depot> find(String id);

    List<Depot> depots();

    void save(Depot depot);
}
