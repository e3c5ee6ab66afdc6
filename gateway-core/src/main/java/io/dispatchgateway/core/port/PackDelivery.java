package io.dispatchgateway.core.port;

import io.dispatchgateway.core.model.DispatchPack;

/** Delivers the dispatch pack to the assigned technician's phone. */
public interface PackDelivery {

    void deliver(DispatchPack pack);
}
