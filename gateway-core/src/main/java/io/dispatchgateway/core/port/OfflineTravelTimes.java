package io.dispatchgateway.core.port;

/**
 * A travel-time estimate that needs no network and costs nothing. The gateway ranks every technician with it
 * first, and asks the configured {@link TravelTimeMatrix} only for the few still in contention.
 */
public interface OfflineTravelTimes extends TravelTimeMatrix {
}
