package io.dispatchgateway.adapters.maps;

import io.dispatchgateway.core.model.GeoPoint;
import io.dispatchgateway.core.port.TravelTimeMatrix.TravelTime;
import java.time.Instant;
import java.util.List;

/** A routing service that measures road travel times, billed per origin-destination element. */
interface RoadTimeProvider {

    String name();

    /** Most elements one request may carry. */
    int maxElements();

    /**
     * Measures the trips from each origin to the destination.
     *
     * @return one entry per origin, null where the provider found no route or failed for that element
     * @throws RoadTimeException when the request as a whole failed (outage, throttling, refusal)
     */
    List<TravelTime> measure(List<GeoPoint> origins, GeoPoint destination, Instant departure);

    /** The whole request failed; {@code tooBig} says a smaller request may succeed. */
    final class RoadTimeException extends RuntimeException {
        private final boolean tooBig;

        RoadTimeException(String message, boolean tooBig) {
            super(message);
            this.tooBig = tooBig;
        }

        boolean tooBig() {
            return tooBig;
        }
    }
}
