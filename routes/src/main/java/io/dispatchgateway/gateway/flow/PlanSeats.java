package io.dispatchgateway.gateway.flow;

import io.dispatchgateway.core.model.AssignmentMode;
import io.dispatchgateway.core.model.Customer;
import io.dispatchgateway.gateway.dispatch.PlanBook;
import io.dispatchgateway.gateway.dispatch.Rankings;
import io.dispatchgateway.gateway.live.ConflictBumps;
import io.dispatchgateway.gateway.persistence.JobStore.StoredJob;
import org.springframework.stereotype.Component;

/**
 * The job's place in its technician's plan at assignment. It keeps the place it reserved when ranked; a
 * technician chosen by a person gets their best place now, and a dispatcher's win of a priority conflict bumps
 * the other job out of the plan first.
 */
@Component
public class PlanSeats {

    private final PlanBook plans;
    private final Rankings rankings;
    private final ConflictBumps conflicts;

    public PlanSeats(PlanBook plans, Rankings rankings, ConflictBumps conflicts) {
        this.plans = plans;
        this.rankings = rankings;
        this.conflicts = conflicts;
    }

    /** @param bumped the job that lost its technician to this one, or null */
    public record Seat(PlanBook.Placed placed, String bumped) {}

    /** Seats the job with {@code technicianId}, in the caller's transaction. */
    public Seat seat(StoredJob stored, Customer customer, String technicianId, AssignmentMode mode) {
        String jobId = stored.job().id();
        if (!plans.placed(jobId).map(p -> p.technicianId().equals(technicianId)).orElse(false)) {
            plans.place(jobId, rankings.slotFor(stored, customer, technicianId));
        }
        String bumped = null;
        if (mode != AssignmentMode.AUTOMATIC) {
            bumped = conflicts.bump(jobId, technicianId);
            if (bumped != null) {
                // The winner takes its best place in the plan without the bumped job, as the approval showed.
                plans.release(bumped);
                plans.place(jobId, rankings.slotFor(stored, customer, technicianId));
            }
        }
        return new Seat(plans.placed(jobId).orElseThrow(), bumped);
    }

    /** Once the assignment committed: the bumped job is ranked again. */
    public void afterCommit(Seat seat) {
        if (seat.bumped() != null) {
            conflicts.rankAgain(seat.bumped());
        }
    }
}
