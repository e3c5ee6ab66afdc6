package io.dispatchgateway.core.plan;

import io.dispatchgateway.core.model.GeoPoint;
import io.dispatchgateway.core.port.TravelTimeMatrix;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Leg times for laying out many plans at once (the plan optimizer): the routing provider's measured time where
 * the travel-time matrix already holds one ({@link TravelTimeMatrix#known}), the estimate otherwise, never a new
 * request. Each leg is looked up once per quarter hour of departure and then kept, so a leg gives the same
 * minutes for the whole run however often the solver lays it out.
 */
public final class KnownLegs implements LegTimes {

    private static final long SLOT_SECONDS = 15 * 60;
    private static final double NOT_MEASURED = -1;

    private record Key(GeoPoint from, GeoPoint to, long slot) {}

    private final LegTimes estimate;
    private final TravelTimeMatrix matrix;
    private final Map<Key, Double> looked = new ConcurrentHashMap<>();

    public KnownLegs(LegTimes estimate, TravelTimeMatrix matrix) {
        this.estimate = estimate;
        this.matrix = matrix;
    }

    @Override
    public double minutes(GeoPoint from, GeoPoint to, Instant departure) {
        Key key = new Key(from, to, departure.getEpochSecond() / SLOT_SECONDS);
        double known = looked.computeIfAbsent(key, k -> {
            TravelTimeMatrix.TravelTime time = matrix.known(from, to, departure);
            return time == null || time.estimated() ? NOT_MEASURED : time.minutes();
        });
        return known == NOT_MEASURED ? estimate.minutes(from, to, departure) : known;
    }

    /** How many of the legs looked up had a measured time. */
    public int measured() {
        return (int) looked.values().stream().filter(minutes -> minutes != NOT_MEASURED).count();
    }
}
