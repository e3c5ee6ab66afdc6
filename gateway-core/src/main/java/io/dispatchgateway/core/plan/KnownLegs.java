package io.dispatchgateway.core.plan;

import io.dispatchgateway.core.model.GeoPoint;
import io.dispatchgateway.core.port.TravelTimeMatrix;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Leg times for laying out many plans at once (the plan optimizer): the routing provider's measured time where
 * the travel-time matrix already holds one ({@link TravelTimeMatrix#known}), the estimate otherwise, never a new
 * request. Each leg is looked up once per quarter hour of departure and then kept, so a leg gives the same
 * minutes for the whole run however often the solver lays it out; the measured ones are recorded
 * ({@link #measuredLegs}) so that a replay ({@link #recorded}) lays the plans out exactly alike.
 */
public final class KnownLegs implements LegTimes {

    private static final long SLOT_SECONDS = 15 * 60;
    private static final double NOT_MEASURED = -1;

    /** A measured leg: from, to, the quarter hour of departure (epoch seconds / 900) and its minutes. */
    public record Leg(GeoPoint from, GeoPoint to, long slot, double minutes) {}

    private record Key(GeoPoint from, GeoPoint to, long slot) {}

    private final LegTimes estimate;
    private final TravelTimeMatrix matrix;
    private final Map<Key, Double> looked = new ConcurrentHashMap<>();

    public KnownLegs(LegTimes estimate, TravelTimeMatrix matrix) {
        this.estimate = estimate;
        this.matrix = matrix;
    }

    /** The legs of a recorded run: those measured then, the estimate for every other. */
    public static KnownLegs recorded(LegTimes estimate, List<Leg> measured) {
        KnownLegs legs = new KnownLegs(estimate, null);
        measured.forEach(leg -> legs.looked.put(new Key(leg.from(), leg.to(), leg.slot()), leg.minutes()));
        return legs;
    }

    @Override
    public double minutes(GeoPoint from, GeoPoint to, Instant departure) {
        Key key = new Key(from, to, departure.getEpochSecond() / SLOT_SECONDS);
        double known = looked.computeIfAbsent(key, k -> {
            TravelTimeMatrix.TravelTime time = matrix == null ? null : matrix.known(from, to, departure);
            return time == null || time.estimated() ? NOT_MEASURED : time.minutes();
        });
        return known == NOT_MEASURED ? estimate.minutes(from, to, departure) : known;
    }

    /** The legs looked up that had a measured time, in a stable order. */
    public List<Leg> measuredLegs() {
        return looked.entrySet().stream().filter(e -> e.getValue() != NOT_MEASURED)
                .map(e -> new Leg(e.getKey().from(), e.getKey().to(), e.getKey().slot(), e.getValue()))
                .sorted(Comparator.comparingLong(Leg::slot).thenComparingDouble(l -> l.from().lat())
                        .thenComparingDouble(l -> l.from().lon()).thenComparingDouble(l -> l.to().lat())
                        .thenComparingDouble(l -> l.to().lon()))
                .toList();
    }
}
