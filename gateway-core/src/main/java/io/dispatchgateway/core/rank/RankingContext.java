package io.dispatchgateway.core.rank;

import io.dispatchgateway.core.model.Depot;
import io.dispatchgateway.core.model.GeoPoint;
import java.time.Instant;
import java.util.List;

/**
 * What one ranking computes once and every candidate reads: the input and settings, the site, the local time
 * offset, and the depots' driving times to the site. Short distances use an equirectangular projection, which
 * within a metro area is within a fraction of a percent of the great circle and much cheaper.
 */
final class RankingContext {

    private static final double KM_PER_DEGREE = 111.195;
    private static final double ROAD_CIRCUITY = 1.3;

    final RankingInput input;
    final RankingSettings settings;
    final long offsetSeconds;
    final double siteLat;
    final double siteLon;
    private final double cosLat;
    final long deadlineSecond;
    final long durationSeconds;
    final List<Depot> depots;
    final double[] depotToSiteMinutes;

    RankingContext(RankingInput input, RankingSettings settings) {
        this.input = input;
        this.settings = settings;
        Instant at = input.at();
        this.offsetSeconds = settings.zone().getRules().getOffset(at).getTotalSeconds();
        GeoPoint site = input.job().location().point();
        this.siteLat = site.lat();
        this.siteLon = site.lon();
        this.cosLat = Math.cos(Math.toRadians(siteLat));
        this.deadlineSecond = input.classification().slaDeadline().getEpochSecond();
        this.durationSeconds = input.classification().estimatedDuration() == null ? 0
                : input.classification().estimatedDuration().getSeconds();
        this.depots = input.depots();
        this.depotToSiteMinutes = new double[depots.size()];
        for (int i = 0; i < depots.size(); i++) {
            GeoPoint d = depots.get(i).location();
            depotToSiteMinutes[i] = drivingMinutes(d.lat(), d.lon(), siteLat, siteLon);
        }
    }

    double drivingMinutes(double lat1, double lon1, double lat2, double lon2) {
        double dx = (lon2 - lon1) * cosLat;
        double dy = lat2 - lat1;
        double km = Math.sqrt(dx * dx + dy * dy) * KM_PER_DEGREE * ROAD_CIRCUITY;
        return km / settings.pickupSpeedKmh() * 60.0;
    }
}
