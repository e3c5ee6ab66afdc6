package io.dispatchgateway.core.plan;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A visit laid out on the technician's day: when they leave the previous stop, the drive (with pickups), when
 * they arrive, start (after waiting for the appointment window) and finish.
 *
 * @param planned false when the visit fits in no shift within the planning horizon (then the times are null)
 * @param unplannedBecause why it does not fit, when it does not
 * @param full whether it does not fit because every shift day within the horizon already has its capacity
 * @param day the local date of the shift it falls in
 * @param shiftEnd the end of that shift (null for a technician without a shift)
 * @param pickups the depots visited on the way for parts not on the truck
 */
public record PlannedVisit(Visit visit, boolean planned, String unplannedBecause, boolean full, LocalDate day, Instant departure,
        double travelMinutes, List<PartPickups.Pickup> pickups, Instant arrival, Instant start, Instant finish,
        Instant shiftEnd) {

    public PlannedVisit {
        pickups = pickups == null ? List.of() : List.copyOf(pickups);
    }

    /** A visit that fits nowhere; the drive is the one it would have from the previous stop. */
    static PlannedVisit unplanned(Visit visit, String because, boolean full, double travelMinutes,
            List<PartPickups.Pickup> pickups) {
        return new PlannedVisit(visit, false, because, full, null, null, travelMinutes, pickups, null, null, null,
                null);
    }

    public String jobId() {
        return visit.jobId();
    }

    /** Whether the arrival keeps the appointment window. */
    public boolean insideWindow() {
        return !planned || visit.window() == null || visit.window().allows(arrival);
    }

    /** Whether the arrival is by the SLA deadline. */
    public boolean onTime() {
        return planned && (visit.slaDeadline() == null || !arrival.isAfter(visit.slaDeadline()));
    }

    /** Minutes spent waiting on site for the window or the not-before time. */
    public double waitMinutes() {
        return planned ? (start.getEpochSecond() - arrival.getEpochSecond()) / 60.0 : 0;
    }

    /** Until when the technician is busy with this job: its planned finish, or {@code now} when it is unplanned. */
    public Instant busyUntil(Instant now) {
        return planned ? finish : now;
    }
}
