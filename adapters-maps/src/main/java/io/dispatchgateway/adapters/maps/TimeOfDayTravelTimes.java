package io.dispatchgateway.adapters.maps;

import io.dispatchgateway.core.model.GeoPoint;
import io.dispatchgateway.core.port.OfflineTravelTimes;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

/**
 * The offline estimate: great-circle distance times the road-circuity factor, driven at the peak speed when the
 * departure falls in a peak window (local time in the gateway's zone), else at the average speed. Every time
 * it gives is marked estimated.
 */
public final class TimeOfDayTravelTimes implements OfflineTravelTimes {

    private final double circuity;
    private final double averageKmh;
    private final double peakKmh;
    private final List<LocalTime[]> peaks;
    private final ZoneId zone;

    public TimeOfDayTravelTimes(MapsProperties.Offline settings, ZoneId zone) {
        this.circuity = settings.circuityFactor();
        this.averageKmh = settings.averageSpeedKmh();
        this.peakKmh = settings.peakSpeedKmh();
        this.peaks = settings.peakHours().stream().map(w -> new LocalTime[] {LocalTime.parse(w.substring(0, 5)),
                LocalTime.parse(w.substring(6))}).toList();
        this.zone = zone;
    }

    @Override
    public List<TravelTime> travelTimes(List<GeoPoint> origins, GeoPoint destination, Instant departure) {
        double speed = speedAt(departure);
        return origins.stream().map(origin -> {
            double km = origin.distanceKm(destination) * circuity;
            return new TravelTime(km / speed * 60.0, km, true);
        }).toList();
    }

    @Override
    public double minutes(GeoPoint origin, GeoPoint destination, Instant departure) {
        return origin.distanceKm(destination) * circuity / speedAt(departure) * 60.0;
    }

    double speedAt(Instant departure) {
        LocalTime local = LocalTime.ofInstant(departure, zone);
        for (LocalTime[] window : peaks) {
            if (!local.isBefore(window[0]) && local.isBefore(window[1])) {
                return peakKmh;
            }
        }
        return averageKmh;
    }
}
