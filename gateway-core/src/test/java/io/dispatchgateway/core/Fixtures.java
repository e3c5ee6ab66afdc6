package io.dispatchgateway.core;

import io.dispatchgateway.core.model.Certification;
import io.dispatchgateway.core.model.Classification;
import io.dispatchgateway.core.model.Customer;
import io.dispatchgateway.core.model.CustomerTier;
import io.dispatchgateway.core.model.Entitlement;
import io.dispatchgateway.core.model.GeoPoint;
import io.dispatchgateway.core.model.Job;
import io.dispatchgateway.core.model.Location;
import io.dispatchgateway.core.model.PenaltyTerms;
import io.dispatchgateway.core.model.Priority;
import io.dispatchgateway.core.model.Technician;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Small, hand-checkable test data around downtown Denver. */
public final class Fixtures {

    public static final Instant NOW = Instant.parse("2026-11-23T15:00:00Z");
    public static final Location SITE = new Location("1600 Glenarm Pl, Denver, CO", 39.7447, -104.9903);

    private Fixtures() {
    }

    public static Job job(String summary) {
        return new Job("J-1", "test", "EXT-1", "C-1", summary, null, SITE, null, List.of(), false, NOW);
    }

    public static Customer customer(CustomerTier tier, BigDecimal penaltyPerBreach, Set<String> excluded) {
        Entitlement entitlement = new Entitlement(Map.of(Priority.CRITICAL, Duration.ofHours(4)),
                new PenaltyTerms(penaltyPerBreach, BigDecimal.ZERO, "USD"), Set.of(), excluded, null);
        return new Customer("C-1", "Glenarm Dental", tier, SITE, entitlement, "Gate code 1234");
    }

    public static Technician technician(String id, Map<String, Integer> skills, double kmNorthOfSite) {
        GeoPoint base = new GeoPoint(SITE.lat() + kmNorthOfSite / 111.2, SITE.lon());
        return new Technician(id, "Tech " + id, skills, List.of(new Certification("EPA-608", null)), null, base,
                "central", Map.of(), null, true, null);
    }

    public static Classification classification(String skill, int level, Priority priority, boolean safety) {
        return new Classification("HVAC_HEATING", priority, skill, level, null, Duration.ofHours(2),
                NOW.plus(Duration.ofHours(8)), safety, "test-rule");
    }
}
