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
        Stock stock = new Stock(technician.truckStock());
        Days days = new Days();
        List<PlannedVisit> planned = new ArrayList<>(visits.size());
        List<TechnicianPlan.Break> breaks = new ArrayList<>();
        List<LocalDate> breakTaken = new ArrayList<>();

        Windows windows = new Windows(technician.shift());
        LocalDate today = localDate(nowSec);
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
                Window window = windows.at(arrival, Long.MAX_VALUE);
                LocalDate day = window == null ? localDate(arrival) : window.day();
                days.count(day);
                if (visit.state() == Visit.State.EN_ROUTE) {
                    stock.take(visit.parts(), Map.of());
                }
                planned.add(new PlannedVisit(visit, true, null, false, day, Instant.ofEpochSecond(departure), travel,
                        List.of(), Instant.ofEpochSecond(arrival), Instant.ofEpochSecond(arrival),
                        Instant.ofEpochSecond(finish), window == null || !window.bounded() ? null
                                : Instant.ofEpochSecond(window.end())));
                at = visit.site();
                t = finish;
                currentDay = day;
                days.end(day, finish, 0);
                continue;
            }

            long earliest = Math.max(visit.window() == null || visit.window().start() == null ? 0
                    : visit.window().start().getEpochSecond(), Math.max(
                    visit.notBefore() == null ? 0 : visit.notBefore().getEpochSecond(),
                    visit.reportedEta() == null ? 0 : visit.reportedEta().getEpochSecond()));
            Map<String, Integer> missing = stock.missing(visit.parts());
            long cursor = t;
            boolean full = true;
            boolean anyWindow = false;
            PlannedVisit placed = null;
            PartPickups.Drive lastDrive = null;
            double lastMinutes = 0;
            while (true) {
                Window window = windows.at(cursor, horizonEnd);
                if (window == null) {
                    break;
                }
                anyWindow = true;
                boolean newDay = currentDay == null ? window.start() > nowSec && !window.day().equals(today)
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
                boolean fitsDay = days.jobs(window.day()) < settings.dailyCapacity();
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
                    days.count(window.day());
                    days.end(window.day(), finish, home);
                    at = visit.site();
                    t = finish;
                    currentDay = window.day();
                    firstMovable = false;
                    stock.take(visit.parts(), missing);
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

        List<TechnicianPlan.DayEnd> ends = new ArrayList<>(days.size);
        for (int d = 0; d < days.size; d++) {
            LocalDate day = days.days[d];
            Window window = windowOn(technician.shift(), day);
            long finish = days.finish[d];
            double home = days.home[d];
            long homeAt = finish + Math.round(home * 60);
            double overtime = window == null || !window.bounded() ? 0 : Math.max(0, (homeAt - window.end()) / 60.0);
            ends.add(new TechnicianPlan.DayEnd(day, window == null || !window.bounded() ? null
                    : Instant.ofEpochSecond(window.end()), Instant.ofEpochSecond(finish), home,
                    Instant.ofEpochSecond(homeAt), overtime, days.jobs[d]));
        }
        return new TechnicianPlan(technician.id(), now, planned, breaks, ends);
    }

    /** The truck's stock as a plan uses it up: the technician's own map until a part is taken, then a copy. */
    private static final class Stock {
        private Map<String, Integer> parts;
        private boolean copied;

        Stock(Map<String, Integer> parts) {
            this.parts = parts;
        }

        /** What of {@code needed} the truck lacks, part to the whole quantity needed. */
        Map<String, Integer> missing(Map<String, Integer> needed) {
            if (needed.isEmpty()) {
                return Map.of();
            }
            Map<String, Integer> missing = new java.util.LinkedHashMap<>();
            for (Map.Entry<String, Integer> part : needed.entrySet()) {
                if (parts.getOrDefault(part.getKey(), 0) < part.getValue()) {
                    missing.put(part.getKey(), part.getValue());
                }
            }
            return missing;
        }

        /** Takes {@code used} off the truck, except the parts picked up on the way ({@code fetched}). */
        void take(Map<String, Integer> used, Map<String, Integer> fetched) {
            for (Map.Entry<String, Integer> part : used.entrySet()) {
                if (!fetched.containsKey(part.getKey())) {
                    if (!copied) {
                        parts = new HashMap<>(parts);
                        copied = true;
                    }
                    parts.merge(part.getKey(), -part.getValue(), Integer::sum);
                }
            }
        }
    }

    /** The shift days a plan uses, in the order it reaches them: jobs, last finish and the drive home of each. */
    private static final class Days {
        private LocalDate[] days = new LocalDate[4];
        private int[] jobs = new int[4];
        private long[] finish = new long[4];
        private double[] home = new double[4];
        private int size;

        private int index(LocalDate day) {
            for (int d = size - 1; d >= 0; d--) {
                if (days[d].equals(day)) {
                    return d;
                }
            }
            if (size == days.length) {
                days = java.util.Arrays.copyOf(days, size * 2);
                jobs = java.util.Arrays.copyOf(jobs, size * 2);
                finish = java.util.Arrays.copyOf(finish, size * 2);
                home = java.util.Arrays.copyOf(home, size * 2);
            }
            int at = size++;
            while (at > 0 && days[at - 1].isAfter(day)) {
                days[at] = days[at - 1];
                jobs[at] = jobs[at - 1];
                finish[at] = finish[at - 1];
                home[at] = home[at - 1];
                at--;
            }
            days[at] = day;
            jobs[at] = 0;
            finish[at] = 0;
            home[at] = 0;
            return at;
        }

        int jobs(LocalDate day) {
            for (int d = size - 1; d >= 0; d--) {
                if (days[d].equals(day)) {
                    return jobs[d];
                }
            }
            return 0;
        }

        void count(LocalDate day) {
            jobs[index(day)]++;
        }

        void end(LocalDate day, long lastFinish, double homeMinutes) {
            int d = index(day);
            finish[d] = lastFinish;
            home[d] = homeMinutes;
        }
    }

    /**
     * One plan's lookups of its shift windows: a plan moves forward in time, so the window found last answers
     * the next lookup from a later moment while that moment is still before its end.
     */
    private final class Windows {
        private final Shift shift;
        private long from = Long.MAX_VALUE;
        private Window last;

        Windows(Shift shift) {
            this.shift = shift;
        }

        Window at(long second, long limit) {
            if (last != null && second >= from && second < last.end()) {
                return last.start() >= limit ? null : last;
            }
            Window window = windowAt(shift, second, Long.MAX_VALUE);
            from = second;
            last = window;
            return window == null || window.start() >= limit ? null : window;
        }
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
