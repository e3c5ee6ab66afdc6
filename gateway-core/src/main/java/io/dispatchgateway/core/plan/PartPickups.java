package io.dispatchgateway.core.plan;

import io.dispatchgateway.core.model.Depot;
import io.dispatchgateway.core.model.GeoPoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one rule for fetching parts that are not on the truck: each part comes from the depot with stock that
 * costs the smallest detour between the previous stop and the site; the drive then calls at those depots in
 * order of their detour. The plan, the ranking's {@code parts} rule and the dispatch pack all read it.
 */
public final class PartPickups {

    /** A part fetched on the way: from {@code depotId} (null when no depot has enough), at that detour. */
    public record Pickup(String part, int quantity, String depotId, double detourMinutes) {}

    /** The drive from the previous stop to the site with its pickups; {@code direct} without them. */
    public record Drive(double minutes, double direct, List<Pickup> pickups) {

        /** Whether every missing part has a depot. */
        public boolean complete() {
            return pickups.stream().allMatch(p -> p.depotId() != null);
        }
    }

    private PartPickups() {
    }

    /**
     * @param missing part to quantity still needed after the truck's stock
     * @param handling time spent at each depot visited
     */
    public static Drive drive(GeoPoint from, GeoPoint site, Instant departure, Map<String, Integer> missing,
            List<Depot> depots, LegTimes legs, java.time.Duration handling) {
        double direct = legs.minutes(from, site, departure);
        if (missing.isEmpty()) {
            return new Drive(direct, direct, List.of());
        }
        List<Pickup> pickups = new ArrayList<>(missing.size());
        Map<String, Depot> visited = new LinkedHashMap<>();
        Map<String, Double> detours = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> part : missing.entrySet()) {
            Depot best = null;
            double bestDetour = Double.MAX_VALUE;
            for (Depot depot : depots) {
                if (!depot.stocks(part.getKey(), part.getValue())) {
                    continue;
                }
                double detour = legs.minutes(from, depot.location(), departure)
                        + legs.minutes(depot.location(), site, departure) - direct;
                if (detour < bestDetour || (detour == bestDetour && depot.id().compareTo(best.id()) < 0)) {
                    bestDetour = detour;
                    best = depot;
                }
            }
            if (best == null) {
                pickups.add(new Pickup(part.getKey(), part.getValue(), null, 0));
            } else {
                pickups.add(new Pickup(part.getKey(), part.getValue(), best.id(), Math.max(0, bestDetour)));
                visited.putIfAbsent(best.id(), best);
                detours.merge(best.id(), Math.max(0, bestDetour), Math::min);
            }
        }
        if (visited.isEmpty()) {
            return new Drive(direct, direct, pickups);
        }
        List<Depot> order = new ArrayList<>(visited.values());
        order.sort((a, b) -> Double.compare(detours.get(a.id()), detours.get(b.id())));
        double minutes = 0;
        GeoPoint at = from;
        for (Depot depot : order) {
            minutes += legs.minutes(at, depot.location(), departure) + handling.toSeconds() / 60.0;
            at = depot.location();
        }
        minutes += legs.minutes(at, site, departure);
        return new Drive(minutes, direct, pickups);
    }
}
