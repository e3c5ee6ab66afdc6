package io.dispatchgateway.core.plan;

import io.dispatchgateway.core.model.GeoPoint;
import io.dispatchgateway.core.port.TravelTimeMatrix;
import java.time.Instant;

/** Driving minutes of one leg of a plan, at the time the technician sets off. */
@FunctionalInterface
public interface LegTimes {

    double minutes(GeoPoint from, GeoPoint to, Instant departure);

    /** Legs from a travel-time matrix (the offline estimate in the gateway: no network, no bill). */
    static LegTimes of(TravelTimeMatrix matrix) {
        return matrix::minutes;
    }

    /** Straight line times a road circuity, at a constant speed. */
    static LegTimes straightLine(double circuity, double speedKmh) {
        return (from, to, departure) -> from.distanceKm(to) * circuity / speedKmh * 60.0;
    }
}
