package io.dispatchgateway.core.rank;

import static io.dispatchgateway.core.Fixtures.NOW;
import static io.dispatchgateway.core.Fixtures.SETTINGS;
import static io.dispatchgateway.core.Fixtures.classification;
import static io.dispatchgateway.core.Fixtures.customer;
import static io.dispatchgateway.core.Fixtures.job;
import static io.dispatchgateway.core.Fixtures.technician;
import static org.assertj.core.api.Assertions.assertThat;

import io.dispatchgateway.core.model.CustomerTier;
import io.dispatchgateway.core.model.Depot;
import io.dispatchgateway.core.model.GeoPoint;
import io.dispatchgateway.core.model.Job;
import io.dispatchgateway.core.model.Priority;
import io.dispatchgateway.core.model.Recommendation;
import io.dispatchgateway.core.model.Technician;
import io.dispatchgateway.core.model.TenantScope;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Tenants in the decision: another tenant's technicians and depots are never part of it. */
class TenantBoundaryTest {

    private static final RankingPolicy TRAVEL = new RankingPolicy("travel", null, Map.of("travel-time", 1.0), null);

    private static Job jobOf(String tenant) {
        Job job = job("No heat");
        return new Job(job.id(), tenant, job.source(), job.externalId(), job.customerId(), job.summary(),
                job.description(), job.location(), job.territory(), job.reportedPriority(), job.requiredParts(),
                job.safetyImpactReported(), job.receivedAt());
    }

    @Test
    void anotherTenantsTechnicianIsNeitherOfferedNorListedAsExcluded() {
        Technician nearestOfB = technician("T-B", Map.of("hvac", 5), 0.5).withTenants(List.of("b"));
        Technician ofA = technician("T-A", Map.of("hvac", 3), 8).withTenants(List.of("a"));
        Technician shared = technician("T-S", Map.of("hvac", 3), 5);
        CandidateRanker ranker = io.dispatchgateway.core.Fixtures.ranker(SETTINGS);
        RankingInput input = new RankingInputAssembler(new StraightLineTravelTimes(1.0, 60))
                .assemble(jobOf("a"), classification("hvac", 1, Priority.NORMAL, false),
                        customer(CustomerTier.SILVER, BigDecimal.ZERO, Set.of()), List.of(nearestOfB, ofA, shared),
                        Map.of(), List.of(), NOW, TRAVEL);

        Recommendation recommendation = ranker.rank(input, TRAVEL);

        assertThat(input.technicians()).extracting(Technician::id).containsExactly("T-A", "T-S");
        assertThat(recommendation.options()).extracting(o -> o.technicianId()).containsExactly("T-S", "T-A");
        assertThat(recommendation.excluded()).isEmpty();
        // Asked directly (a person's reassignment, the optimizer), the tenant rule refuses B's technician.
        RankingInput withB = new RankingInput(input.job(), input.classification(), input.customer(), input.at(),
                List.of(nearestOfB), Map.of(), Map.of("T-B", new io.dispatchgateway.core.port.TravelTimeMatrix
                        .TravelTime(1, 0.5, true)), List.of());
        assertThat(ranker.qualification(nearestOfB, withB)).extracting(r -> r.rule()).contains("tenant");
    }

    @Test
    void depotsServeTheirTenantsAndASharedTechnicianUsesSharedDepotsOnly() {
        Depot ofA = new Depot("D-A", "A stores", new GeoPoint(39.7, -104.9), Map.of("P", 1), List.of("a"));
        Depot shared = new Depot("D-S", "MSP stores", new GeoPoint(39.7, -104.9), Map.of("P", 1));
        Technician technicianOfA = technician("T-A", Map.of(), 1).withTenants(List.of("a"));
        Technician sharedTechnician = technician("T-S", Map.of(), 1);

        assertThat(ofA.serves("a")).isTrue();
        assertThat(ofA.serves("b")).isFalse();
        assertThat(ofA.usableBy(technicianOfA)).isTrue();
        assertThat(ofA.usableBy(sharedTechnician)).isFalse();
        assertThat(shared.usableBy(sharedTechnician)).isTrue();
        assertThat(ofA.usableBy(technician("T-AB", Map.of(), 1).withTenants(List.of("a", "b")))).isFalse();
    }

    @Test
    void aScopeOfSomeTenantsCoversOnlyWhatIsTheirsAlone() {
        TenantScope a = TenantScope.of(List.of("a"));
        assertThat(a.allows("a")).isTrue();
        assertThat(a.allows("b")).isFalse();
        assertThat(a.covers(List.of("a"))).isTrue();
        assertThat(a.covers(List.of())).isFalse(); // shared: changed only by users of every tenant
        assertThat(a.touches(List.of())).isTrue(); // but seen by every tenant's users
        assertThat(a.covers(List.of("a", "b"))).isFalse();
        assertThat(TenantScope.of(List.of()).allows("a")).isFalse();
        assertThat(TenantScope.ALL.covers(List.of("x"))).isTrue();
        assertThat(a.single()).hasValue("a");
    }
}
