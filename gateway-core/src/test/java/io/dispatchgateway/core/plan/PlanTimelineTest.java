package io.dispatchgateway.core.plan;

import static io.dispatchgateway.core.Fixtures.DENVER;
import static io.dispatchgateway.core.Fixtures.NOW;
import static io.dispatchgateway.core.Fixtures.north;
import static org.assertj.core.api.Assertions.assertThat;

import io.dispatchgateway.core.model.ArrivalWindow;
import io.dispatchgateway.core.model.Depot;
import io.dispatchgateway.core.model.Priority;
import io.dispatchgateway.core.model.Shift;
import io.dispatchgateway.core.model.Technician;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Plans laid out by hand: one kilometre a minute, Monday 09:00 in Denver, shift 08:00-17:00. */
class PlanTimelineTest {

    private static final Shift WEEKDAYS = new Shift(Set.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY,
            DayOfWeek.WEDNESDAY), LocalTime.of(8, 0), LocalTime.of(17, 0));
    private static final PlanSettings.BreakRule LUNCH = new PlanSettings.BreakRule(LocalTime.of(11, 30),
            LocalTime.of(13, 30), Duration.ofMinutes(30));
    private static final PlanTimeline TIMELINE = new PlanTimeline(new PlanSettings(DENVER, Duration.ofMinutes(30), 6,
            Duration.ofDays(2), LUNCH, Duration.ofMinutes(10)), LegTimes.straightLine(1.0, 60));

    private static Technician technician(Map<String, Integer> stock) {
        return new Technician("T-1", "T", Map.of(), List.of(), WEEKDAYS, north(0), null, stock, null, true, null);
    }

    private static Visit visit(String id, double kmNorth, Duration work, ArrivalWindow window) {
        return new Visit(id, Visit.State.ASSIGNED, north(kmNorth), work, NOW.plus(Duration.ofHours(8)), window, null,
                Map.of(), Priority.HIGH, null, null);
    }

    @Test
    void eachVisitLeavesWhenThePreviousOneFinishesAndDrivesFromThere() {
        TechnicianPlan plan = TIMELINE.compute(technician(Map.of()), List.of(visit("A", 10, Duration.ofMinutes(60), null),
                visit("B", 30, Duration.ofMinutes(30), null)), NOW, List.of());

        assertThat(plan.visits().get(0).arrival()).isEqualTo(NOW.plus(Duration.ofMinutes(10)));
        assertThat(plan.visits().get(1).departure()).isEqualTo(NOW.plus(Duration.ofMinutes(70)));
        assertThat(plan.visits().get(1).travelMinutes()).isEqualTo(20.0, org.assertj.core.api.Assertions.within(0.01));
        assertThat(plan.visits().get(1).arrival()).isEqualTo(NOW.plus(Duration.ofMinutes(90)));
        assertThat(plan.days().get(0).homeMinutes()).isEqualTo(30.0, org.assertj.core.api.Assertions.within(0.01));
    }

    @Test
    void anEarlyArrivalWaitsForTheAppointmentWindowByLeavingLater() {
        Instant opens = NOW.plus(Duration.ofHours(1));
        TechnicianPlan plan = TIMELINE.compute(technician(Map.of()), List.of(visit("A", 10, Duration.ofMinutes(30),
                new ArrivalWindow(opens, opens.plus(Duration.ofHours(2))))), NOW, List.of());

        assertThat(plan.visits().get(0).arrival()).isEqualTo(opens);
        assertThat(plan.visits().get(0).departure()).isEqualTo(opens.minus(Duration.ofMinutes(10)));
        assertThat(plan.visits().get(0).insideWindow()).isTrue();
    }

    @Test
    void theBreakIsTakenBetweenJobsOnceItsWindowOpens() {
        // A: 09:10-11:40; the break 11:40-12:10; B: leaves 12:10, arrives 12:20.
        TechnicianPlan plan = TIMELINE.compute(technician(Map.of()), List.of(visit("A", 10, Duration.ofMinutes(150), null),
                visit("B", 20, Duration.ofMinutes(30), null)), NOW, List.of());

        assertThat(plan.breaks()).singleElement().satisfies(b -> {
            assertThat(b.start()).isEqualTo(NOW.plus(Duration.ofMinutes(160)));
            assertThat(b.end()).isEqualTo(NOW.plus(Duration.ofMinutes(190)));
        });
        assertThat(plan.visits().get(1).arrival()).isEqualTo(NOW.plus(Duration.ofMinutes(200)));
    }

    @Test
    void aVisitThatWouldEndTheDayTooLateMovesToTheNextShiftFromHome() {
        // Six hours of work, then a four-hour job: it cannot finish (with the drive home) by 17:30; Tuesday 08:00.
        TechnicianPlan plan = TIMELINE.compute(technician(Map.of()), List.of(visit("A", 10, Duration.ofHours(6), null),
                visit("B", 20, Duration.ofHours(4), null)), NOW, List.of());

        PlannedVisit b = plan.visits().get(1);
        assertThat(b.day()).isEqualTo(LocalDate.of(2026, 11, 24));
        assertThat(b.departure()).isEqualTo(Instant.parse("2026-11-24T15:00:00Z"));
        assertThat(b.travelMinutes()).isEqualTo(20.0, org.assertj.core.api.Assertions.within(0.01));
    }

    @Test
    void aVisitWithNoRoomWithinTheHorizonIsLeftUnplanned() {
        TechnicianPlan plan = TIMELINE.compute(technician(Map.of()), List.of(visit("A", 10, Duration.ofHours(12), null)),
                NOW, List.of());

        assertThat(plan.visits().get(0).planned()).isFalse();
        assertThat(plan.visits().get(0).unplannedBecause()).contains("planning horizon");
    }

    @Test
    void partsComeOffTheTruckJobByJobAndWhatIsMissingIsPickedUp() {
        Depot depot = new Depot("D-1", "Depot", north(15), Map.of("VALVE", 10));
        Visit first = new Visit("A", Visit.State.ASSIGNED, north(10), Duration.ofMinutes(30), NOW.plus(Duration.ofHours(8)),
                null, null, Map.of("VALVE", 1), Priority.HIGH, null, null);
        Visit second = new Visit("B", Visit.State.ASSIGNED, north(20), Duration.ofMinutes(30),
                NOW.plus(Duration.ofHours(8)), null, null, Map.of("VALVE", 1), Priority.HIGH, null, null);

        TechnicianPlan plan = TIMELINE.compute(technician(Map.of("VALVE", 1)), List.of(first, second), NOW,
                List.of(depot));

        assertThat(plan.visits().get(0).pickups()).isEmpty();
        assertThat(plan.visits().get(1).pickups()).singleElement().satisfies(p -> assertThat(p.depotId())
                .isEqualTo("D-1"));
        // 10 km to the depot on the way (no detour), 10 minutes there, 5 km on.
        assertThat(plan.visits().get(1).travelMinutes()).isEqualTo(20.0, org.assertj.core.api.Assertions.within(0.01));
    }

    @Test
    void aDayAtCapacityPushesTheNextVisitToTheNextDay() {
        PlanTimeline twoADay = new PlanTimeline(new PlanSettings(DENVER, Duration.ofMinutes(30), 2, Duration.ofDays(2),
                null, Duration.ZERO), LegTimes.straightLine(1.0, 60));
        TechnicianPlan plan = twoADay.compute(technician(Map.of()), List.of(visit("A", 1, Duration.ofMinutes(30), null),
                visit("B", 1, Duration.ofMinutes(30), null), visit("C", 1, Duration.ofMinutes(30), null)), NOW,
                List.of());

        assertThat(plan.visits()).extracting(PlannedVisit::day).containsExactly(LocalDate.of(2026, 11, 23),
                LocalDate.of(2026, 11, 23), LocalDate.of(2026, 11, 24));
        assertThat(plan.jobsOn(LocalDate.of(2026, 11, 23))).isEqualTo(2);
    }

    @Test
    void aVisitOnSiteFinishesItsWorkAndTheNextLeavesFromThere() {
        Visit onSite = new Visit("A", Visit.State.ON_SITE, north(10), Duration.ofMinutes(60),
                NOW.plus(Duration.ofHours(8)), null, null, Map.of(), Priority.HIGH, NOW.minus(Duration.ofMinutes(30)),
                null);
        TechnicianPlan plan = TIMELINE.compute(technician(Map.of()), List.of(onSite, visit("B", 15, Duration.ofMinutes(30),
                null)), NOW, List.of());

        assertThat(plan.visits().get(0).finish()).isEqualTo(NOW.plus(Duration.ofMinutes(30)));
        assertThat(plan.visits().get(1).arrival()).isEqualTo(NOW.plus(Duration.ofMinutes(35)));
    }
}
