package io.dispatchgateway.core.rank;

import static io.dispatchgateway.core.Fixtures.NOW;
import static io.dispatchgateway.core.Fixtures.SETTINGS;
import static io.dispatchgateway.core.Fixtures.classification;
import static io.dispatchgateway.core.Fixtures.customer;
import static io.dispatchgateway.core.Fixtures.input;
import static io.dispatchgateway.core.Fixtures.job;
import static io.dispatchgateway.core.Fixtures.north;
import static io.dispatchgateway.core.Fixtures.technician;
import static org.assertj.core.api.Assertions.assertThat;

import io.dispatchgateway.core.model.Certification;
import io.dispatchgateway.core.model.Classification;
import io.dispatchgateway.core.model.CustomerTier;
import io.dispatchgateway.core.model.Depot;
import io.dispatchgateway.core.model.Entitlement;
import io.dispatchgateway.core.model.ExclusionReason;
import io.dispatchgateway.core.model.PenaltyTerms;
import io.dispatchgateway.core.model.Priority;
import io.dispatchgateway.core.model.RankedOption;
import io.dispatchgateway.core.model.Recommendation;
import io.dispatchgateway.core.model.Shift;
import io.dispatchgateway.core.model.Technician;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each hard rule: whom it excludes, with which words, and whom it lets through. */
class HardConstraintsTest {

    private static final RankingPolicy POLICY = new RankingPolicy("test", null, Map.of("travel-time", 1.0), null);
    private static final Classification HVAC = classification("hvac", 2, Priority.NORMAL, false);

    private final CandidateRanker ranker = io.dispatchgateway.core.Fixtures.ranker(SETTINGS);

    @Test
    void availabilityExcludesInactiveTechnicians() {
        Technician off = with(technician("T-off", Map.of("hvac", 3), 1), null, false, null);

        assertReasons(rank(HVAC, off), "T-off", "availability", "technician is marked inactive");
    }

    @Test
    void skillNeedsEveryRequiredSkillAtItsLevelAndOneAlternative() {
        Classification job = new Classification("NETWORK", Priority.HIGH, "network", 3, Map.of("electrical", 2),
                Map.of("fiber", 2, "wireless", 3), null, Duration.ofHours(1), NOW.plusSeconds(28_800), false, "r");
        Technician complete = technician("T-ok", Map.of("network", 3, "electrical", 2, "wireless", 4), 1);
        Technician weak = technician("T-weak", Map.of("network", 2, "fiber", 1), 1);

        Recommendation r = rank(job, complete, weak);

        assertThat(r.options()).extracting(RankedOption::technicianId).containsExactly("T-ok");
        assertReasons(r, "T-weak", "skill", "skill network at level 2, level 3 required; lacks skill electrical"
                + " (level 2 required); needs one of fiber >= 2, wireless >= 3");
    }

    @Test
    void certificationMustBeHeldAndValidOnTheJobDate() {
        Classification job = new Classification("HVAC_COOLING", Priority.HIGH, "hvac", 1, null, null, "EPA-608",
                Duration.ofHours(1), NOW.plusSeconds(28_800), false, "r");
        Technician expired = with(technician("T-exp", Map.of("hvac", 3), 1), null, true,
                List.of(new Certification("EPA-608", LocalDate.parse("2026-10-01"))));
        Technician lastDay = with(technician("T-last", Map.of("hvac", 3), 1), null, true,
                List.of(new Certification("EPA-608", LocalDate.parse("2026-11-23"))));
        Technician none = with(technician("T-none", Map.of("hvac", 3), 1), null, true, List.of());

        Recommendation r = rank(job, expired, lastDay, none);

        assertThat(r.options()).extracting(RankedOption::technicianId).containsExactly("T-last");
        assertReasons(r, "T-exp", "certification", "EPA-608 expired 2026-10-01");
        assertReasons(r, "T-none", "certification", "does not hold EPA-608");
    }

    @Test
    void shiftMustHoldTravelAndWorkWithinTheOvertimeAllowance() {
        // Monday 09:00 in Denver; the shift ends at 10:00; one hour of work; 30 minutes of overtime allowed.
        Shift morning = new Shift(Set.of(DayOfWeek.MONDAY), LocalTime.of(7, 0), LocalTime.of(10, 0));
        // The day ends with the drive home: 10 km away is back at 10:20; 30 km away only at 11:00.
        Technician fits = with(technician("T-fits", Map.of("hvac", 3), 10), morning, true, null);
        Technician late = with(technician("T-late", Map.of("hvac", 3), 30), morning, true, null);

        Recommendation r = rank(HVAC, fits, late);

        assertThat(r.options()).extracting(RankedOption::technicianId).containsExactly("T-fits");
        assertReasons(r, "T-late", "shift",
                "does not fit in any shift within the planning horizon (before Wed 09:00, with 30 min overtime"
                        + " allowance and the drive home)");
    }

    @Test
    void technicianOffShiftNowIsConsideredFromTheStartOfTheNextShift() {
        Shift afternoon = new Shift(Set.of(DayOfWeek.MONDAY), LocalTime.of(13, 0), LocalTime.of(21, 0));
        Technician later = with(technician("T-pm", Map.of("hvac", 3), 10), afternoon, true, null);

        RankedOption option = rank(HVAC, later).options().get(0);

        // Leaves at 13:00 Denver (20:00 UTC), 10 minutes' drive.
        assertThat(option.eta()).isEqualTo(java.time.Instant.parse("2026-11-23T20:10:00Z"));
    }

    @Test
    void partsMustBeOnTheTruckOrAtADepotWithinTheDetourLimit() {
        List<Depot> depots = List.of(new Depot("D-near", "Near", north(2), Map.of("VALVE", 1)),
                new Depot("D-far", "Far", north(-60), Map.of("FILTER", 1)));
        Technician carries = with(technician("T-truck", Map.of("hvac", 3), 5), null, true, null);
        carries = new Technician(carries.id(), carries.name(), carries.skills(), carries.certifications(), null,
                carries.homeBase(), carries.territory(), Map.of("VALVE", 1, "FILTER", 1, "MOTOR", 1), null, true,
                null);
        Technician fetches = technician("T-fetch", Map.of("hvac", 3), 5);
        var input = input(job("No heat", List.of("VALVE", "FILTER", "MOTOR")), HVAC,
                customer(CustomerTier.SILVER, BigDecimal.ZERO, Set.of()), List.of(carries, fetches), Map.of(), depots);

        Recommendation r = ranker.rank(input, POLICY);

        assertThat(r.options()).extracting(RankedOption::technicianId).containsExactly("T-truck");
        assertReasons(r, "T-fetch", "parts", "FILTER is not on the truck; nearest depot D-far is a 120 min detour"
                + " (limit 30); MOTOR is not on the truck and no depot has it");
    }

    @Test
    void territoryKeepsTechniciansInTheirZoneUnlessCrossingIsAllowed() {
        var customer = io.dispatchgateway.core.Fixtures.customer(Entitlement.none(), "north");
        Technician central = technician("T-central", Map.of("hvac", 3), 1);
        Technician floater = with(technician("T-float", Map.of("hvac", 3), 2), null, true, null);
        floater = new Technician(floater.id(), floater.name(), floater.skills(), floater.certifications(), null,
                floater.homeBase(), null, Map.of(), null, true, null);
        Technician both = technician("T-both", Map.of("hvac", 3), 3);
        both = new Technician(both.id(), both.name(), both.skills(), both.certifications(), null, both.homeBase(),
                "central", Map.of(), null, true, null, List.of("North"));
        var input = input(job("No heat"), HVAC, customer, List.of(central, floater, both), Map.of(), List.of());

        Recommendation strict = ranker.rank(input, POLICY);
        RankingSettings crossing = new RankingSettings(SETTINGS.zone(), 10, 120, 5, Duration.ofMinutes(30),
                Duration.ofMinutes(30), true, SETTINGS.slaRisk(), 10_000, 40);
        Recommendation relaxed = io.dispatchgateway.core.Fixtures.ranker(crossing).rank(input, POLICY);

        // T-both's territory is central, and it also serves north.
        assertThat(strict.options()).extracting(RankedOption::technicianId).containsExactlyInAnyOrder("T-float",
                "T-both");
        assertReasons(strict, "T-central", "territory", "works in territory central, the job is in north");
        assertThat(relaxed.options()).hasSize(3);
    }

    @Test
    void customerExclusionAndRequiredTechnicianFollowTheContract() {
        Entitlement contract = new Entitlement(Map.of(), PenaltyTerms.NONE, Set.of(), Set.of("T-2"), "T-1");
        var input = input(job("No heat"), HVAC, io.dispatchgateway.core.Fixtures.customer(contract, null),
                List.of(technician("T-1", Map.of("hvac", 3), 9), technician("T-2", Map.of("hvac", 3), 1),
                        technician("T-3", Map.of("hvac", 3), 2)), Map.of(), List.of());

        Recommendation r = ranker.rank(input, POLICY);

        assertThat(r.options()).extracting(RankedOption::technicianId).containsExactly("T-1");
        assertThat(r.excluded()).filteredOn(e -> e.technicianId().equals("T-2")).singleElement()
                .satisfies(e -> assertThat(e.reasons()).containsExactly(
                        new ExclusionReason("customer-exclusion", "excluded by customer C-1"),
                        new ExclusionReason("required-technician", "customer C-1 requires technician T-1")));
        assertReasons(r, "T-3", "required-technician", "customer C-1 requires technician T-1");
    }

    @Test
    void maxTravelAndDailyCapacityExcludeTheFarAndTheFull() {
        Technician far = technician("T-far", Map.of("hvac", 3), 130);
        Technician full = technician("T-full", Map.of("hvac", 3), 1);
        Technician ok = technician("T-ok", Map.of("hvac", 3), 3);
        var input = input(job("No heat"), HVAC, customer(CustomerTier.SILVER, BigDecimal.ZERO, Set.of()),
                List.of(far, full, ok), Map.of("T-full", io.dispatchgateway.core.Fixtures.busy(15)), List.of());

        Recommendation r = ranker.rank(input, POLICY);

        assertThat(r.options()).extracting(RankedOption::technicianId).containsExactly("T-ok");
        assertReasons(r, "T-far", "max-travel", "travel 130 min is over the 120 min maximum");
        assertReasons(r, "T-full", "daily-capacity", "already has 5 jobs on every shift day within the planning horizon (capacity 5, 15 jobs in the plan)");
    }

    @Test
    void everyFailedRuleIsListedNotOnlyTheFirst() {
        Technician bad = with(technician("T-bad", Map.of(), 1), null, false, null);

        Recommendation r = rank(HVAC, bad);

        assertThat(r.excluded().get(0).reasons()).extracting(ExclusionReason::rule)
                .containsExactly("availability", "skill");
    }

    private Recommendation rank(Classification classification, Technician... technicians) {
        return ranker.rank(input(classification, List.of(technicians)), POLICY);
    }

    private static Technician with(Technician t, Shift shift, boolean active, List<Certification> certifications) {
        return new Technician(t.id(), t.name(), t.skills(), certifications == null ? t.certifications() : certifications,
                shift, t.homeBase(), t.territory(), t.truckStock(), t.contact(), active, t.lastKnownLocation());
    }

    private static void assertReasons(Recommendation r, String technicianId, String rule, String detail) {
        assertThat(r.excluded()).filteredOn(e -> e.technicianId().equals(technicianId)).singleElement()
                .satisfies(e -> assertThat(e.reasons()).contains(new ExclusionReason(rule, detail)));
    }
}
