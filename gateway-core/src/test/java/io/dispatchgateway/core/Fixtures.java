package io.dispatchgateway.core;

import io.dispatchgateway.core.model.Certification;
import io.dispatchgateway.core.model.Classification;
import io.dispatchgateway.core.model.Customer;
import io.dispatchgateway.core.model.CustomerTier;
import io.dispatchgateway.core.model.Depot;
import io.dispatchgateway.core.model.Entitlement;
import io.dispatchgateway.core.model.GeoPoint;
import io.dispatchgateway.core.model.Job;
import io.dispatchgateway.core.model.Location;
import io.dispatchgateway.core.model.PenaltyTerms;
import io.dispatchgateway.core.model.Priority;
import io.dispatchgateway.core.model.Technician;
import io.dispatchgateway.core.plan.LegTimes;
import io.dispatchgateway.core.plan.Visit;
import io.dispatchgateway.core.rank.CandidateRanker;
import io.dispatchgateway.core.rank.RankingInput;
import io.dispatchgateway.core.rank.RankingInputAssembler;
import io.dispatchgateway.core.rank.RankingSettings;
import io.dispatchgateway.core.rank.SlaRiskEstimator;
import io.dispatchgateway.core.rank.StraightLineTravelTimes;
import io.dispatchgateway.core.rank.TechnicianState;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Small, hand-checkable test data around downtown Denver. Travel is straight-line at 60 km/h with no
 * circuity, so one kilometre is one minute; {@link #NOW} is Monday 09:00 in Denver.
 */
public final class Fixtures {

    public static final ZoneId DENVER = ZoneId.of("America/Denver");
    public static final Instant NOW = Instant.parse("2026-11-23T16:00:00Z");
    public static final Location SITE = new Location("1600 Glenarm Pl, Denver, CO", 39.7447, -104.9903);
    public static final RankingSettings SETTINGS = new RankingSettings(DENVER, 10, 120, 5, Duration.ofMinutes(30),
            Duration.ofMinutes(30), false, new SlaRiskEstimator(Duration.ofMinutes(5), 0.25), 10_000, 40);

    /** Plan legs on the same model: the straight line at 60 km/h, one kilometre a minute. */
    public static final LegTimes LEGS = LegTimes.straightLine(1.0, 60);

    private Fixtures() {
    }

    public static CandidateRanker ranker(RankingSettings settings) {
        return CandidateRanker.standard(settings, LEGS);
    }

    /** {@code count} assigned half-hour jobs at the site, due in three days, as a plan. */
    public static TechnicianState busy(int count) {
        List<Visit> visits = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            visits.add(new Visit("J-busy-" + i, Visit.State.ASSIGNED, SITE.point(), Duration.ofMinutes(30),
                    NOW.plus(Duration.ofDays(3)), null, null, Map.of(), Priority.NORMAL, null, null));
        }
        return TechnicianState.planned(visits);
    }

    public static Job job(String summary) {
        return job(summary, List.of());
    }

    public static Job job(String summary, List<String> parts) {
        return new Job("J-1", "default", "test", "EXT-1", "C-1", summary, null, SITE, null, null, parts, false, NOW);
    }

    public static Customer customer(CustomerTier tier, BigDecimal penaltyPerBreach, Set<String> excluded) {
        Entitlement entitlement = new Entitlement(Map.of(Priority.CRITICAL, Duration.ofHours(4)),
                new PenaltyTerms(penaltyPerBreach, BigDecimal.ZERO, "USD"), Set.of(), excluded, null);
        return new Customer("C-1", "Glenarm Dental", tier, SITE, null, entitlement, "Gate code 1234");
    }

    public static Customer customer(Entitlement entitlement, String territory) {
        return new Customer("C-1", "Glenarm Dental", CustomerTier.GOLD, SITE, territory, entitlement, null);
    }

    /** A technician {@code kmNorthOfSite} north of the site: that many minutes away. */
    public static Technician technician(String id, Map<String, Integer> skills, double kmNorthOfSite) {
        return new Technician(id, "Tech " + id, skills, List.of(new Certification("EPA-608", null)), null,
                north(kmNorthOfSite), "central", Map.of(), null, true, null);
    }

    public static GeoPoint north(double km) {
        return new GeoPoint(SITE.lat() + km / 111.195, SITE.lon());
    }

    public static Classification classification(String skill, int level, Priority priority, boolean safety) {
        return new Classification("HVAC_HEATING", priority, skill, level, null, null, null, Duration.ofHours(1),
                NOW.plus(Duration.ofHours(8)), safety, "test-rule");
    }

    public static RankingInput input(Job job, Classification classification, Customer customer,
            List<Technician> technicians, Map<String, TechnicianState> states, List<Depot> depots) {
        return new RankingInputAssembler(new StraightLineTravelTimes(1.0, 60))
                .assemble(job, classification, customer, technicians, states, depots, NOW, null);
    }

    public static RankingInput input(Classification classification, List<Technician> technicians) {
        return input(job("No heat"), classification, customer(CustomerTier.SILVER, BigDecimal.ZERO, Set.of()),
                technicians, Map.of(), List.of());
    }
}
