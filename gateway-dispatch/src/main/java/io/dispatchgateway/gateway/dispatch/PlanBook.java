package io.dispatchgateway.gateway.dispatch;

import io.dispatchgateway.core.dispatch.AssignmentPlanner;
import io.dispatchgateway.core.model.Technician;
import io.dispatchgateway.core.plan.PlannedVisit;
import io.dispatchgateway.core.plan.TechnicianPlan;
import io.dispatchgateway.core.plan.Visit;
import io.dispatchgateway.core.port.InventoryLookup;
import io.dispatchgateway.core.port.TechnicianDirectory;
import io.dispatchgateway.core.rank.TechnicianState;
import io.dispatchgateway.gateway.persistence.PlanStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The technicians' plans as the flow changes them. A job takes its place in a plan when it is ranked (the
 * reservation holds while its approval waits), moves when a person sends it to someone else, and leaves when it
 * is rejected, bumped, cancelled or done. Every change runs inside the caller's transaction with the plan's
 * technician locked, and re-checks that the plan is the one the decision saw; afterwards the ETAs of the
 * technician's assigned jobs are the plan's.
 */
@Component
public class PlanBook {

    private final PlanStore store;
    private final AssignmentPlanner planner;
    private final TechnicianDirectory technicians;
    private final InventoryLookup inventory;
    private final Clock clock;

    public PlanBook(PlanStore store, AssignmentPlanner planner, TechnicianDirectory technicians,
            InventoryLookup inventory, Clock clock) {
        this.store = store;
        this.planner = planner;
        this.technicians = technicians;
        this.inventory = inventory;
        this.clock = clock;
    }

    /** Every technician's plan as ranking state, without {@code jobId} (the job being ranked, wherever it is). */
    public Map<String, TechnicianState> statesWithout(String jobId) {
        Map<String, TechnicianState> states = new HashMap<>();
        store.all().forEach((technician, visits) -> states.put(technician, TechnicianState.planned(
                visits.stream().filter(v -> !v.jobId().equals(jobId)).toList())));
        return states;
    }

    /**
     * Puts the job in the slot a decision chose, in the caller's transaction.
     *
     * @return false when the technician's plan changed since the decision saw it (decide again)
     */
    public boolean reserve(String jobId, AssignmentPlanner.Slot slot) {
        Optional<String> previous = store.holder(jobId);
        lockInOrder(slot.technicianId(), previous.orElse(null));
        List<String> now = ids(store.visits(slot.technicianId()));
        now.remove(jobId);
        List<String> seen = new ArrayList<>(slot.planJobIds());
        seen.remove(jobId);
        if (!now.equals(seen)) {
            return false;
        }
        if (previous.isPresent() && !previous.get().equals(slot.technicianId())) {
            store.remove(jobId);
            refresh(previous.get());
        }
        store.order(slot.technicianId(), slot.order(jobId));
        refresh(slot.technicianId());
        return true;
    }

    /** Puts the job in the technician's plan at the best slot now (a person chose them), in the caller's transaction. */
    public void place(String jobId, AssignmentPlanner.Slot slot) {
        for (int attempt = 0; attempt < 5; attempt++) {
            if (reserve(jobId, slot)) {
                return;
            }
            List<String> current = ids(store.visits(slot.technicianId()));
            current.remove(jobId);
            slot = new AssignmentPlanner.Slot(slot.technicianId(), Math.min(slot.position(), current.size()), current,
                    slot.breaks());
        }
        throw new IllegalStateException("the plan of " + slot.technicianId() + " keeps changing; try again");
    }

    /** Records the arrival a technician or a rule announced; the plan never puts the job's arrival before it. */
    public void reportEta(String jobId, Instant eta) {
        store.reportEta(jobId, eta);
    }

    /** Takes the job out of its plan, in the caller's transaction. */
    public void release(String jobId) {
        // The technician first, as every plan change locks it, then the job's row: never the other way round.
        Optional<String> holder = store.holder(jobId);
        holder.ifPresent(store::lock);
        store.remove(jobId);
        holder.ifPresent(this::refresh);
    }

    /** Every technician's visits in plan order. */
    public Map<String, List<Visit>> all() {
        return store.all();
    }

    /** The technician whose plan holds the job, if one does. */
    public Optional<String> holder(String jobId) {
        return store.holder(jobId);
    }

    /** The technician's visits in plan order. */
    public List<Visit> visits(String technicianId) {
        return store.visits(technicianId);
    }

    /** The technician's plan laid out now; empty for an unknown technician. */
    public Optional<TechnicianPlan> plan(String technicianId) {
        return technicians.find(technicianId).map(t -> planner.plan(t, store.visits(technicianId), clock.instant(),
                inventory.depots()));
    }

    /**
     * How {@code job} fits the technician's plan at {@code position}, laid out from {@code now} with the
     * depots the technician may use (the plan itself is not changed).
     */
    public AssignmentPlanner.Commitment commit(Technician technician, Visit job, int position, Instant now) {
        return planner.commit(technician, store.visits(technician.id()), job, position, now, inventory.depots());
    }

    /**
     * Why the job would not fit the slot's plan, laid out now: it would not fit any shift of the horizon there,
     * or it would push a job the plan fits now out of it; empty when it fits.
     */
    public Optional<String> misfit(String jobId, AssignmentPlanner.Slot slot) {
        Technician technician = technicians.find(slot.technicianId()).orElse(null);
        Visit job = store.holder(jobId).flatMap(holder -> store.visits(holder).stream()
                .filter(v -> v.jobId().equals(jobId)).findFirst()).orElse(null);
        if (technician == null || job == null) {
            return Optional.empty(); // nothing to lay out: the move's own checks decide
        }
        Instant now = clock.instant();
        List<Visit> visits = store.visits(technician.id());
        long unplanned = planner.plan(technician, visits, now, inventory.depots()).visits().stream()
                .filter(v -> !v.planned() && !v.jobId().equals(jobId)).count();
        AssignmentPlanner.Commitment commitment = planner.commit(technician, visits, job, slot.position(), now,
                inventory.depots());
        if (!commitment.visit().planned()) {
            return Optional.of("it no longer fits " + technician.id() + "'s plan: "
                    + commitment.visit().unplannedBecause());
        }
        long pushedOut = commitment.plan().visits().stream().filter(v -> !v.planned()).count() - unplanned;
        return pushedOut > 0 ? Optional.of("it would push " + pushedOut + " job(s) out of " + technician.id()
                + "'s plan now") : Optional.empty();
    }

    /** The job's place in its plan now, if a plan holds it. */
    public Optional<Placed> placed(String jobId) {
        return placed(jobId, new HashMap<>());
    }

    /**
     * As {@link #placed(String)}, laying each technician's plan out once for every job asked about with the same
     * {@code laidOut} (one round of the SLA monitor over all jobs in the field).
     */
    public Optional<Placed> placed(String jobId, Map<String, Optional<TechnicianPlan>> laidOut) {
        return store.holder(jobId).flatMap(technician -> laidOut.computeIfAbsent(technician, this::plan).map(plan -> {
            int index = plan.indexOf(jobId);
            return index < 0 ? null : new Placed(technician, index + 1, plan.visits().size(), plan.visits().get(index),
                    plan);
        }));
    }

    /** A job in a plan: the technician, its 1-based position of {@code of}, its times and the plan. */
    public record Placed(String technicianId, int position, int of, PlannedVisit visit, TechnicianPlan plan) {}

    /** Lays the technician's plan out again and gives its assigned jobs the plan's ETAs. */
    public TechnicianPlan refresh(String technicianId) {
        Technician technician = technicians.find(technicianId).orElse(null);
        if (technician == null) {
            return null;
        }
        Instant now = clock.instant();
        TechnicianPlan plan = planner.plan(technician, store.visits(technicianId), now, inventory.depots());
        for (PlannedVisit visit : plan.visits()) {
            // An arrival announced by the technician or a rule stands as it was said.
            if (visit.visit().state() == Visit.State.ASSIGNED && visit.planned() && visit.visit().reportedEta() == null) {
                store.planEta(visit.jobId(), visit.arrival());
            }
        }
        return plan;
    }

    private void lockInOrder(String a, String b) {
        if (b == null || a.equals(b)) {
            store.lock(a);
        } else if (a.compareTo(b) < 0) {
            store.lock(a);
            store.lock(b);
        } else {
            store.lock(b);
            store.lock(a);
        }
    }

    private static List<String> ids(List<Visit> visits) {
        List<String> ids = new ArrayList<>(visits.size());
        visits.forEach(v -> ids.add(v.jobId()));
        return ids;
    }
}
