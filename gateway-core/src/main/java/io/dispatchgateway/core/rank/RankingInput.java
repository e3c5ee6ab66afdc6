package io.dispatchgateway.core.rank;

import io.dispatchgateway.core.model.Classification;
import io.dispatchgateway.core.model.Customer;
import io.dispatchgateway.core.model.Depot;
import io.dispatchgateway.core.model.GeoPoint;
import io.dispatchgateway.core.model.Job;
import io.dispatchgateway.core.model.Technician;
import io.dispatchgateway.core.port.TravelTimeMatrix.TravelTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything a ranking looks at, captured at one instant: the job, its classification and customer, every
 * technician with their state and travel time to the site, and the depots. Stored with each decision, it is
 * what a replay ranks again, so the same snapshot and policy always give the same ranking.
 *
 * @param travel technician id to the travel time from {@link #origin} of that technician to the site; the
 *        ranking uses the measured ones (a routing provider's) for that leg, and its own leg times otherwise
 */
public record RankingInput(Job job, Classification classification, Customer customer, Instant at,
        List<Technician> technicians, Map<String, TechnicianState> states, Map<String, TravelTime> travel,
        List<Depot> depots) {

    public RankingInput {
        technicians = List.copyOf(technicians);
        states = Map.copyOf(states);
        travel = Map.copyOf(travel);
        depots = List.copyOf(depots);
    }

    public TechnicianState stateOf(String technicianId) {
        return states.getOrDefault(technicianId, TechnicianState.IDLE);
    }

    /**
     * Where a technician leaves from for their next job not yet in the field: the site of the last job they are
     * on or driving to, else their live or last known location, else their home base.
     */
    public static GeoPoint origin(Technician technician, TechnicianState state, Instant at) {
        int pinned = state.pinned();
        return pinned > 0 ? state.plan().get(pinned - 1).site() : technician.currentPosition();
    }
}
