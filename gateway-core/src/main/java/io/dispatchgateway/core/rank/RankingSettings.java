package io.dispatchgateway.core.rank;

import java.time.Duration;
import java.time.ZoneId;

/**
 * The scales and limits of ranking, shared by every policy.
 *
 * @param zone operating time zone: shifts are local times in it, certifications expire on its dates
 * @param maxOptions how many of the best options a recommendation lists with their components
 * @param maxTravelMinutes the {@code max-travel} limit, and the travel time that scores zero
 * @param dailyCapacity active jobs at which a technician is full
 * @param overtimeAllowance how far past shift end a job may run
 * @param maxPickupDetour the longest detour to fetch a part from a depot
 * @param crossTerritory whether technicians may work outside their territory
 * @param penaltyScale expected penalty cost (in the contract's currency) that scores zero
 * @param pickupSpeedKmh driving speed for pickup detours (road distance = straight line × 1.3)
 */
public record RankingSettings(ZoneId zone, int maxOptions, double maxTravelMinutes, int dailyCapacity,
        Duration overtimeAllowance, Duration maxPickupDetour, boolean crossTerritory, SlaRiskEstimator slaRisk,
        double penaltyScale, double pickupSpeedKmh) {

    public RankingSettings {
        if (maxOptions < 1 || maxTravelMinutes <= 0 || dailyCapacity < 1 || penaltyScale <= 0 || pickupSpeedKmh <= 0) {
            throw new IllegalArgumentException("ranking limits must be positive");
        }
    }

    /** Sensible defaults: 10 options, 120 min, 6 jobs, 30 min overtime and detour, 10,000 penalty scale. */
    public static RankingSettings defaults(ZoneId zone) {
        return new RankingSettings(zone, 10, 120, 6, Duration.ofMinutes(30), Duration.ofMinutes(30), false,
                new SlaRiskEstimator(Duration.ofMinutes(5), 0.25), 10_000, 40);
    }
}
