package io.dispatchgateway.core.port;

import io.dispatchgateway.core.model.GeoPoint;
import java.time.Instant;
import java.util.List;

/**
 * Travel times from many origins to one destination. Implementations range from an offline estimate to
 * a routing service; a provider that cannot answer for an origin returns an estimated time for it and
 * says so.
 */
public interface TravelTimeMatrix {

    /**
     * @param origins where each candidate starts from
     * @param destination the job site
     * @param departure when travel would start (traffic depends on it)
     * @return one entry per origin, in the same order
     */
    List<TravelTime> travelTimes(List<GeoPoint> origins, GeoPoint destination, Instant departure);

    /** One leg's minutes (a plan lays out many one by one); providers with a cheaper single answer override it. */
    default double minutes(GeoPoint origin, GeoPoint destination, Instant departure) {
        return travelTimes(List.of(origin), destination, departure).get(0).minutes();
    }

    /**
     * A time this matrix measured earlier and still holds for that departure, without asking anyone (no network,
     * no bill); null when it has none. The plan optimizer lays plans out with these where they exist.
     */
    default TravelTime known(GeoPoint origin, GeoPoint destination, Instant departure) {
        return null;
    }

    /** Minutes on the road and whether the figure was measured by a provider or estimated. */
    record TravelTime(double minutes, double distanceKm, boolean estimated) {}
}
