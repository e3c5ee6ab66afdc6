package io.dispatchgateway.gateway.flow;

import io.dispatchgateway.mappings.event.JobEvent;
import io.dispatchgateway.core.dispatch.AssignmentPlanner;
import io.dispatchgateway.core.model.Assignment;
import io.dispatchgateway.core.model.Customer;
import io.dispatchgateway.core.model.Technician;
import io.dispatchgateway.gateway.dispatch.WriteBacks;
import io.dispatchgateway.gateway.persistence.JobStore.StoredJob;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Route {@code job-assign}: gives the job to the chosen technician, seated in their plan with its pack, and
 * writes it back to the source system once stored.
 */
@Component
public class AssignStage {

    private final StageJobs stage;
    private final AssignmentChoices choices;
    private final PlanSeats seats;
    private final AssignmentRecords records;
    private final WriteBacks writeBacks;
    private final TransactionTemplate tx;
    private final Clock clock;

    public AssignStage(StageJobs stage, AssignmentChoices choices, PlanSeats seats, AssignmentRecords records,
            WriteBacks writeBacks, TransactionTemplate tx, Clock clock) {
        this.stage = stage;
        this.choices = choices;
        this.seats = seats;
        this.records = records;
        this.writeBacks = writeBacks;
        this.tx = tx;
        this.clock = clock;
    }

    public void assign(JobEvent event) {
        StageJobs.Incoming in = stage.read(event);
        StoredJob stored = in.stored();
        Optional<AssignmentChoices.Choice> chosen = choices.choose(in.event(), stored);
        if (chosen.isEmpty()) {
            stage.skip(in.event(), stored);
            return;
        }
        AssignmentChoices.Choice choice = chosen.get();
        Technician technician = choice.technician();
        Customer customer = stage.customer(stored);
        Instant now = clock.instant();
        Assignment assignment = new Assignment(in.jobId(), technician.id(),
                AssignmentPlanner.fallback(stored.recommendation(), technician.id()), choice.mode(), choice.by(),
                now, null);
        PlanSeats.Seat[] seat = {null};
        Boolean moved = tx.execute(status -> {
            seat[0] = seats.seat(stored, customer, technician.id(), choice.mode());
            if (!records.record(stored, customer, technician, assignment, choice.from(), seat[0].placed(), now)) {
                status.setRollbackOnly();
                return false;
            }
            return true;
        });
        if (Boolean.TRUE.equals(moved)) {
            seats.afterCommit(seat[0]);
            writeBacks.deliverNow(in.jobId());
        }
    }
}
