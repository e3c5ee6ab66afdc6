package io.dispatchgateway.core.rank;

import io.dispatchgateway.core.model.GeoPoint;
import io.dispatchgateway.core.port.OfflineTravelTimes;
import java.time.Instant;
import java.util.List;

/**
 * The offline travel-time estimate: great-circle distance times a road-circuity factor (roads are longer
 * than the straight line; 1.3 is typical for a grid city), driven at an average speed. Every figure it
 * returns is marked estimated.
 */
public final class StraightLineTravelTimes implements OfflineTravelTimes {

    private final double circuityFactor;
    private final double averageSpeedKmh;

    public StraightLineTravelTimes(double circuityFactor, double averageSpeedKmh) {
        if (circuityFactor < 1.0) {
            throw new IllegalArgumentException("circuity factor must be at least 1.0, was " + circuityFactor);
        }
        if (averageSpeedKmh <= 0) {
            throw new IllegalArgumentException("average speed must be positive, was " + averageSpeedKmh);
        }
        this.circuityFactor = circuityFactor;
        this.averageSpeedKmh = averageSpeedKmh;
    }

    @Override
    public List<TravelTime> travelTimes(List<GeoPoint> origins, GeoPoint destination, Instant departure) {
        return origins.stream().map(origin -> {
            double roadKm = origin.distanceKm(destination) * circuityFactor;
            return new TravelTime(roadKm / averageSpeedKmh * 60.0, roadKm, true);
        }).toList();
    }
}
