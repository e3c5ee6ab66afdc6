package io.dispatchgateway.optimizer.solver;

import ai.timefold.solver.core.api.domain.entity.PlanningEntity;
import ai.timefold.solver.core.api.domain.lookup.PlanningId;
import ai.timefold.solver.core.api.domain.variable.PlanningListVariable;
import io.dispatchgateway.core.model.Technician;
import io.dispatchgateway.core.plan.Visit;
import java.util.ArrayList;
import java.util.List;

/**
 * One technician's plan as the solver changes it: the visits it keeps (in the field, or not open to the
 * optimizer) first, then the open jobs in the order the solver chooses.
 */
@PlanningEntity
public final class TechnicianRoute {

    @PlanningId
    private String id;
    private Technician technician;
    private List<Visit> kept;
    private List<Visit> later;
    @PlanningListVariable(allowsUnassignedValues = true)
    private List<JobStop> stops;

    TechnicianRoute() {
    }

    /**
     * @param kept the visits that stay ahead of the open work (in the field, or before every open job)
     * @param later the visits that stay, laid out after the open work (another day's, a person's placement)
     */
    public TechnicianRoute(Technician technician, List<Visit> kept, List<JobStop> stops, List<Visit> later) {
        this.id = technician.id();
        this.technician = technician;
        this.kept = List.copyOf(kept);
        this.stops = new ArrayList<>(stops);
        this.later = List.copyOf(later);
    }

    public String id() {
        return id;
    }

    public Technician technician() {
        return technician;
    }

    public List<Visit> kept() {
        return kept;
    }

    public List<JobStop> stops() {
        return stops;
    }

    /** Every visit in plan order: the kept ones, the stops, then the later ones. */
    public List<Visit> visits() {
        List<Visit> visits = new ArrayList<>(kept.size() + stops.size() + later.size());
        visits.addAll(kept);
        for (JobStop stop : stops) {
            visits.add(stop.visit());
        }
        visits.addAll(later);
        return visits;
    }

    @Override
    public String toString() {
        return id + stops;
    }
}
