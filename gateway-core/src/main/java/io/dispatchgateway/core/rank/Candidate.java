package io.dispatchgateway.core.rank;

import io.dispatchgateway.core.model.Depot;
import io.dispatchgateway.core.model.GeoPoint;
import io.dispatchgateway.core.model.Shift;
import io.dispatchgateway.core.model.Technician;
import io.dispatchgateway.core.port.TravelTimeMatrix.TravelTime;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A technician as the hard constraints and objectives see them for one job: when they could leave (the end of
 * their current job, or their next shift), the parts they would pick up on the way, when they would arrive
 * and finish, how much overtime that takes, and the probability of missing the SLA deadline.
 *
 * @param freeAt when the technician can leave, in epoch seconds
 * @param pickups for each required part not on the truck, where it would be fetched (depot null: nowhere
 *        within reach)
 * @param pickupMinutes extra driving for the pickups
 * @param arrival estimated arrival, in epoch seconds
 * @param shiftEnd end of the shift the job falls in, in epoch seconds ({@code Long.MAX_VALUE} without a shift)
 * @param overtimeMinutes how far the finish runs past the shift end
 * @param onShift whether any shift day was found within a week
 */
public record Candidate(Technician technician, TechnicianState state, TravelTime travel, long freeAt,
        List<Pickup> pickups, double pickupMinutes, long arrival, long shiftEnd, double overtimeMinutes,
        boolean onShift, double breachProbability, RankingInput input, RankingSettings settings) {

    /** A part fetched from a depot on the way, and the detour it costs; {@code depotId} null when no depot has it. */
    public record Pickup(String part, String depotId, double detourMinutes) {}

    private static final long DAY = 86_400;

    /** Total driving: to the site plus pickup detours. */
    public double drivingMinutes() {
        return travel.minutes() + pickupMinutes;
    }

    public Instant eta() {
        return Instant.ofEpochSecond(arrival);
    }

    static Candidate evaluate(Technician technician, RankingContext context) {
        RankingInput input = context.input;
        TechnicianState state = input.stateOf(technician.id());
        TravelTime travel = input.travel().get(technician.id());
        if (travel == null) {
            throw new IllegalArgumentException("the ranking input has no travel time for technician "
                    + technician.id());
        }
        long at = input.at().getEpochSecond();
        long free = state.busyUntil() == null ? at : Math.max(at, state.busyUntil().getEpochSecond());

        List<Pickup> pickups = List.of();
        double pickupMinutes = 0;
        List<String> parts = input.job().requiredParts();
        if (!parts.isEmpty()) {
            GeoPoint origin = RankingInput.origin(technician, state, input.at());
            for (String part : parts) {
                if (technician.truckStock().getOrDefault(part, 0) > 0) {
                    continue;
                }
                if (pickups.isEmpty()) {
                    pickups = new ArrayList<>(parts.size());
                }
                Pickup pickup = nearestPickup(part, origin, context);
                if (pickup.depotId() != null && !visits(pickups, pickup.depotId())) {
                    pickupMinutes += pickup.detourMinutes();
                }
                pickups.add(pickup);
            }
        }

        long depart = free;
        long shiftEnd = Long.MAX_VALUE;
        boolean onShift = true;
        Shift shift = technician.shift();
        if (shift != null) {
            onShift = false;
            long freeLocal = free + context.offsetSeconds;
            long day = Math.floorDiv(freeLocal, DAY);
            long start = shift.start().toSecondOfDay();
            long end = shift.end().toSecondOfDay();
            for (int k = 0; k <= 7 && !onShift; k++) {
                long d = day + k;
                if (shift.days().contains(DayOfWeek.of((int) Math.floorMod(d + 3, 7L) + 1))) {
                    long windowEnd = d * DAY + end;
                    if (freeLocal < windowEnd) {
                        depart = Math.max(freeLocal, d * DAY + start) - context.offsetSeconds;
                        shiftEnd = windowEnd - context.offsetSeconds;
                        onShift = true;
                    }
                }
            }
        }
        double drive = travel.minutes() + pickupMinutes;
        long arrival = depart + Math.round(drive * 60);
        long finish = arrival + context.durationSeconds;
        double overtime = shiftEnd == Long.MAX_VALUE ? 0 : Math.max(0, (finish - shiftEnd) / 60.0);
        double breach = context.settings.slaRisk().breachProbability(arrival, context.deadlineSecond, drive);
        return new Candidate(technician, state, travel, free, pickups, pickupMinutes, arrival, shiftEnd, overtime,
                onShift, breach, input, context.settings);
    }

    private static boolean visits(List<Pickup> pickups, String depotId) {
        for (Pickup pickup : pickups) {
            if (depotId.equals(pickup.depotId())) {
                return true;
            }
        }
        return false;
    }

    private static Pickup nearestPickup(String part, GeoPoint origin, RankingContext context) {
        double direct = context.drivingMinutes(origin.lat(), origin.lon(), context.siteLat, context.siteLon);
        String bestDepot = null;
        double bestDetour = Double.MAX_VALUE;
        for (int i = 0; i < context.depots.size(); i++) {
            Depot depot = context.depots.get(i);
            if (depot.stock().getOrDefault(part, 0) <= 0) {
                continue;
            }
            double detour = context.drivingMinutes(origin.lat(), origin.lon(), depot.location().lat(),
                    depot.location().lon()) + context.depotToSiteMinutes[i] - direct;
            if (detour < bestDetour || (detour == bestDetour && depot.id().compareTo(bestDepot) < 0)) {
                bestDetour = detour;
                bestDepot = depot.id();
            }
        }
        return bestDepot == null ? new Pickup(part, null, 0) : new Pickup(part, bestDepot, Math.max(0, bestDetour));
    }
}
