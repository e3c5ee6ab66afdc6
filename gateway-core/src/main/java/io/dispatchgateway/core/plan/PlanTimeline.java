package io.dispatchgateway.core.plan;

import io.dispatchgateway.core.model.Depot;
import io.dispatchgateway.core.model.GeoPoint;
import io.dispatchgateway.core.model.Shift;
import io.dispatchgateway.core.model.Technician;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lays a technician's ordered visits out in time from {@code now}:
 * <ul>
 *   <li>a visit on site finishes its work (never before now); one en route arrives at its reported ETA, else
 *       after the drive from where the technician was;</li>
 *   <li>every other visit departs from the previous stop when it finishes (at the shift start, from home, on a
 *       new day), drives at the departure time's speed with pickups on the way, waits for its appointment
 *       window or not-before time, and works its estimated duration;</li>
 *   <li>the break is taken between two jobs, at the first moment at or after its earliest start (a plan laid
 *       out after the break window closed assumes it was taken);</li>
 *   <li>a visit that would make the day end (the drive home included) later than the shift end plus the
 *       overtime allowance, or that finds the day full ({@code dailyCapacity}), moves to the next shift day;
 *       a visit with no room in any shift that starts within the horizon is left unplanned;</li>
 *   <li>parts a visit uses come off the truck for the visits after it; what the truck lacks is picked up.</li>
 * </ul>
 * Deterministic: the same visits, moment and leg times give the same plan.
 */
public final class PlanTimeline {

    private final PlanSettings settings;
    private final LegTimes legs;

    public PlanTimeline(PlanSettings settings, LegTimes legs) {
        this.settings = settings;
        this.legs = legs;
    }

    public PlanSettings settings() {
        return settings;
    }

    public LegTimes legs() {
        return legs;
    }

    /** A shift window: local day, start and end in epoch seconds; unbounded for a technician without a shift. */
    record Window(LocalDate day, long start, long end, boolean bounded) {}

    public TechnicianPlan compute(Technician technician, List<Visit> visits, Instant now, List<Depot> depots) {
        return compute(technician, visits, now, depots, null);
    }

    /**
     * @param firstLeg measured minutes of the drive to the first movable visit from where the technician is
     *        (or will be, after the visits in the field), used when that visit is on the same day; null to use
     *        the leg times
     */
    public TechnicianPlan compute(Technician technician, List<Visit> visits, Instant now, List<Depot> depots,
            Double firstLeg) {
        return layOut(technician, visits, now, usableBy(technician, depots), firstLeg);
    }

    /** The depots {@code technician} may pick up from: the list itself when all are (no copy on the hot path). */
    private static List<Depot> usableBy(Technician technician, List<Depot> depots) {
        for (Depot depot : depots) {
            if (!depot.usableBy(technician)) {
                return depots.stream().filter(d -> d.usableBy(technician)).toList();
            }
        }
        return depots;
    }

    private TechnicianPlan layOut(Technician technician, List<Visit> visits, Instant now, List<Depot> depots,
            Double firstLeg) {
        long nowSec = now.getEpochSecond();
        long horizonEnd = nowSec + settings.horizon().toSeconds();
        Map<String, Integer> stock = new HashMap<>(technician.truckStock());
        Map<LocalDate, Integer> counts = new HashMap<>();
        Map<LocalDate, double[]> dayEnds = new HashMap<>(); // finish second, home minutes, site lat, site lon
        List<PlannedVisit> planned = new ArrayList<>(visits.size());
        List<TechnicianPlan.Break> breaks = new ArrayList<>();
        List<LocalDate> breakTaken = new ArrayList<>();

        GeoPoint at = technician.currentPosition();
        long t = nowSec;
        LocalDate currentDay = null;
        boolean firstMovable = true;

        for (Visit visit : visits) {
            if (!visit.state().movable()) {
                long arrival;
                long departure;
                double travel = 0;
                if (visit.state() == Visit.State.ON_SITE) {
                    arrival = visit.startedAt() == null ? nowSec : visit.startedAt().getEpochSecond();
                    departure = arrival;
                } else {
                    departure = visit.startedAt() == null ? nowSec : visit.startedAt().getEpochSecond();
                    travel = legs.minutes(at, visit.site(), Instant.ofEpochSecond(departure));
                    arrival = visit.reportedEta() != null ? visit.reportedEta().getEpochSecond()
                            : Math.max(nowSec, departure + Math.round(travel * 60));
                }
                long finish = Math.max(nowSec, arrival + visit.work().toSeconds());
                Window window = windowAt(technician.shift(), arrival, Long.MAX_VALUE);
                LocalDate day = window == null ? localDate(arrival) : window.day();
                counts.merge(day, 1, Integer::sum);
                if (visit.state() == Visit.State.EN_ROUTE) {
                    take(stock, visit.parts());
                }
                planned.add(new PlannedVisit(visit, true, null, false, day, Instant.ofEpochSecond(departure), travel,
                        List.of(), Instant.ofEpochSecond(arrival), Instant.ofEpochSecond(arrival),
                        Instant.ofEpochSecond(finish), window == null || !window.bounded() ? null
                                : Instant.ofEpochSecond(window.end())));
                at = visit.site();
                t = finish;
                currentDay = day;
                dayEnds.put(day, new double[] {finish, 0, at.lat(), at.lon()});
                continue;
            }

            long earliest = Math.max(visit.window() == null || visit.window().start() == null ? 0
                    : visit.window().start().getEpochSecond(), Math.max(
                    visit.notBefore() == null ? 0 : visit.notBefore().getEpochSecond(),
                    visit.reportedEta() == null ? 0 : visit.reportedEta().getEpochSecond()));
            Map<String, Integer> missing = missing(stock, visit.parts());
            long cursor = t;
            boolean full = true;
            boolean anyWindow = false;
            PlannedVisit placed = null;
            PartPickups.Drive lastDrive = null;
            double lastMinutes = 0;
            while (true) {
                Window window = windowAt(technician.shift(), cursor, horizonEnd);
                if (window == null) {
                    break;
                }
                anyWindow = true;
                boolean newDay = currentDay == null ? window.start() > nowSec && !window.day().equals(localDate(nowSec))
                        : !window.day().equals(currentDay);
                GeoPoint origin = newDay ? technician.homeBase() : at;
                long depart = Math.max(cursor, window.start());
                long breakStart = -1;
                if (settings.breakRule() != null && window.bounded() && !breakTaken.contains(window.day())) {
                    long earliestBreak = at(window.day(), settings.breakRule().earliest());
                    long latestBreak = at(window.day(), settings.breakRule().latest());
                    // A plan laid out after the break window closed assumes the break was taken.
                    if (depart >= earliestBreak && nowSec < latestBreak) {
                        breakStart = depart;
                        depart += settings.breakRule().length().toSeconds();
                    }
                }
                PartPickups.Drive drive = PartPickups.drive(origin, visit.site(), Instant.ofEpochSecond(depart),
                        missing,
                        depots, legs, settings.depotHandling());
                double driveMinutes = drive.minutes();
                if (firstLeg != null && firstMovable && !newDay) {
                    driveMinutes = firstLeg + (drive.minutes() - drive.direct());
                }
                lastDrive = drive;
                lastMinutes = driveMinutes;
                long arrival = depart + Math.round(driveMinutes * 60);
                if (arrival < earliest) {
                    depart += earliest - arrival;
                    arrival = earliest;
                }
                long finish = arrival + visit.work().toSeconds();
                double home = window.bounded() ? legs.minutes(visit.site(), technician.homeBase(),
                        Instant.ofEpochSecond(finish)) : 0;
                boolean fitsShift = !window.bounded()
                        || finish + Math.round(home * 60) <= window.end() + settings.overtimeAllowance().toSeconds();
                boolean fitsDay = counts.getOrDefault(window.day(), 0) < settings.dailyCapacity();
                if (fitsDay) {
                    full = false;
                }
                if (fitsShift && fitsDay) {
                    if (breakStart >= 0) {
                        breaks.add(new TechnicianPlan.Break(window.day(), Instant.ofEpochSecond(breakStart),
                                Instant.ofEpochSecond(breakStart + settings.breakRule().length().toSeconds())));
                        breakTaken.add(window.day());
                    }
                    placed = new PlannedVisit(visit, true, null, false, window.day(), Instant.ofEpochSecond(depart),
                            driveMinutes, drive.pickups(), Instant.ofEpochSecond(arrival),
                            Instant.ofEpochSecond(arrival), Instant.ofEpochSecond(finish),
                            window.bounded() ? Instant.ofEpochSecond(window.end()) : null);
                    counts.merge(window.day(), 1, Integer::sum);
                    dayEnds.put(window.day(), new double[] {finish, home, visit.site().lat(), visit.site().lon()});
                    at = visit.site();
                    t = finish;
                    currentDay = window.day();
                    firstMovable = false;
                    for (Map.Entry<String, Integer> part : visit.parts().entrySet()) {
                        if (!missing.containsKey(part.getKey())) {
                            stock.merge(part.getKey(), -part.getValue(), Integer::sum);
                        }
                    }
                    break;
                }
                cursor = Math.max(window.end(), window.start() + 1);
            }
            if (placed == null) {
                firstMovable = false;
                String because = !anyWindow ? "no shift starts within the planning horizon"
                        : full ? "every shift day within the planning horizon already has " + settings.dailyCapacity()
                                + " jobs"
                        : "does not fit in any shift within the planning horizon";
                if (lastDrive == null) {
                    lastDrive = PartPickups.drive(at, visit.site(), Instant.ofEpochSecond(t), missing, depots, legs,
                            settings.depotHandling());
                    lastMinutes = lastDrive.minutes();
                }
                planned.add(PlannedVisit.unplanned(visit, because, anyWindow && full, lastMinutes,
                        lastDrive.pickups()));
            } else {
                planned.add(placed);
            }
        }

        List<TechnicianPlan.DayEnd> days = new ArrayList<>();
        dayEnds.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            double[] end = e.getValue();
            Window window = windowOn(technician.shift(), e.getKey());
            long finish = (long) end[0];
            double home = end[1];
            long homeAt = finish + Math.round(home * 60);
            double overtime = window == null || !window.bounded() ? 0 : Math.max(0, (homeAt - window.end()) / 60.0);
            days.add(new TechnicianPlan.DayEnd(e.getKey(), window == null || !window.bounded() ? null
                    : Instant.ofEpochSecond(window.end()), Instant.ofEpochSecond(finish), home,
                    Instant.ofEpochSecond(homeAt), overtime, counts.getOrDefault(e.getKey(), 0)));
        });
        return new TechnicianPlan(technician.id(), now, planned, breaks, days);
    }

    private static void take(Map<String, Integer> stock, Map<String, Integer> parts) {
        for (Map.Entry<String, Integer> part : parts.entrySet()) {
            stock.merge(part.getKey(), -part.getValue(), Integer::sum);
        }
    }

    private static Map<String, Integer> missing(Map<String, Integer> stock, Map<String, Integer> parts) {
        if (parts.isEmpty()) {
            return Map.of();
        }
        Map<String, Integer> missing = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, Integer> part : parts.entrySet()) {
            if (stock.getOrDefault(part.getKey(), 0) < part.getValue()) {
                missing.put(part.getKey(), part.getValue());
            }
        }
        return missing;
    }

    /**
     * The first shift window that ends after {@code second} and starts before {@code limit}; for a technician
     * without a shift, the calendar day. Null when there is none (within 14 days).
     */
    Window windowAt(Shift shift, long second, long limit) {
        LocalDate day = localDate(second).minusDays(1);
        for (int k = 0; k < 16; k++, day = day.plusDays(1)) {
            Window window = windowOn(shift, day);
            if (window == null) {
                continue;
            }
            if (window.start() >= limit) {
                return null;
            }
            if (window.end() > second) {
                return window;
            }
        }
        return null;
    }

    /**
     * A shift on one local day: the key of the windows already worked out (time zones are not cheap). The shift is
     * compared by identity, which is cheap where comparing its days and times is not; an equal copy of a shift
     * only gets entries of its own.
     */
    private static final class ShiftDay {
        private final Shift shift;
        private final long day;

        ShiftDay(Shift shift, LocalDate day) {
            this.shift = shift;
            this.day = day.toEpochDay();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof ShiftDay key && key.shift == shift && key.day == day;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(shift) * 31 + Long.hashCode(day);
        }
    }

    private static final int MAX_REMEMBERED_WINDOWS = 100_000;
    private static final Window NO_SHIFT = new Window(LocalDate.MIN, 0, 0, false);
    private final Map<ShiftDay, Window> windows = new ConcurrentHashMap<>();

    private Window windowOn(Shift shift, LocalDate day) {
        ShiftDay key = new ShiftDay(shift, day);
        Window known = windows.get(key);
        if (known == null) {
            if (windows.size() > MAX_REMEMBERED_WINDOWS) {
                windows.clear();
            }
            Window computed = computeWindow(shift, day);
            known = computed == null ? NO_SHIFT : computed;
            windows.put(key, known);
        }
        return known == NO_SHIFT ? null : known;
    }

    private Window computeWindow(Shift shift, LocalDate day) {
        if (shift == null) {
            return new Window(day, at(day, LocalTime.MIDNIGHT), at(day.plusDays(1), LocalTime.MIDNIGHT), false);
        }
        if (!shift.days().contains(day.getDayOfWeek())) {
            return null;
        }
        long start = at(day, shift.start());
        long end = shift.end().isAfter(shift.start()) ? at(day, shift.end()) : at(day.plusDays(1), shift.end());
        return new Window(day, start, end, true);
    }

    private long at(LocalDate day, LocalTime time) {
        return ZonedDateTime.of(day, time, settings.zone()).toEpochSecond();
    }

    private LocalDate localDate(long second) {
        return LocalDate.ofInstant(Instant.ofEpochSecond(second), settings.zone());
    }
}
