package io.dispatchgateway.core.rank;

import io.dispatchgateway.core.plan.PlanSettings;
import java.time.Duration;
import java.time.ZoneId;

/**
 * The scales and limits of ranking and planning, shared by every policy.
 *
 * @param zone operating time zone: shifts are local times in it, certifications expire on its dates
 * @param maxOptions how many of the best options a recommendation lists with their components
 * @param maxTravelMinutes the {@code max-travel} limit, and the travel time that scores zero
 * @param dailyCapacity jobs a technician takes in one shift day
 * @param overtimeAllowance how far past shift end a day (the drive home included) may run
 * @param maxPickupDetour the longest detour to fetch a part from a depot
 * @param crossTerritory whether technicians may work outside their territory
 * @param penaltyScale expected penalty cost (in the contract's currency) that scores zero
 * @param pickupSpeedKmh driving speed of the standard straight-line leg times (road = straight line × 1.3)
 * @param breakRule the break every shift day includes, or null
 * @param horizon how far ahead jobs are planned into the technicians' next shifts
 */
public record RankingSettings(ZoneId zone, int maxOptions, double maxTravelMinutes, int dailyCapacity,
        Duration overtimeAllowance, Duration maxPickupDetour, boolean crossTerritory, SlaRiskEstimator slaRisk,
        double penaltyScale, double pickupSpeedKmh, PlanSettings.BreakRule breakRule, Duration horizon) {

    /** Time spent at a depot picking parts up. */
    public static final Duration DEPOT_HANDLING = Duration.ofMinutes(10);

    public RankingSettings {
        if (maxOptions < 1 || maxTravelMinutes <= 0 || dailyCapacity < 1 || penaltyScale <= 0 || pickupSpeedKmh <= 0) {
            throw new IllegalArgumentException("ranking limits must be positive");
        }
        horizon = horizon == null ? Duration.ofDays(2) : horizon;
    }

    /** Without a break, planning two days ahead. */
    public RankingSettings(ZoneId zone, int maxOptions, double maxTravelMinutes, int dailyCapacity,
            Duration overtimeAllowance, Duration maxPickupDetour, boolean crossTerritory, SlaRiskEstimator slaRisk,
            double penaltyScale, double pickupSpeedKmh) {
        this(zone, maxOptions, maxTravelMinutes, dailyCapacity, overtimeAllowance, maxPickupDetour, crossTerritory,
                slaRisk, penaltyScale, pickupSpeedKmh, null, Duration.ofDays(2));
    }

    /** Sensible defaults: 10 options, 120 min, 6 jobs, 30 min overtime and detour, 10,000 penalty scale. */
    public static RankingSettings defaults(ZoneId zone) {
        return new RankingSettings(zone, 10, 120, 6, Duration.ofMinutes(30), Duration.ofMinutes(30), false,
                new SlaRiskEstimator(Duration.ofMinutes(5), 0.25), 10_000, 40);
    }

    /** How the plans the ranking inserts into are laid out. */
    public PlanSettings planSettings() {
        return new PlanSettings(zone, overtimeAllowance, dailyCapacity, horizon, breakRule, DEPOT_HANDLING);
    }
}
