package io.dispatchgateway.core.rank;

import io.dispatchgateway.core.model.Classification;
import io.dispatchgateway.core.model.Customer;
import io.dispatchgateway.core.model.Depot;
import io.dispatchgateway.core.model.GeoPoint;
import io.dispatchgateway.core.model.Job;
import io.dispatchgateway.core.model.Technician;
import io.dispatchgateway.core.port.TravelTimeMatrix;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Captures the snapshot a ranking uses: asks the travel-time matrix once for every technician, from where
 * each would leave ({@link RankingInput#origin}), to the job site.
 */
public final class RankingInputAssembler {

    private final TravelTimeMatrix travelTimes;

    public RankingInputAssembler(TravelTimeMatrix travelTimes) {
        this.travelTimes = travelTimes;
    }

    public RankingInput assemble(Job job, Classification classification, Customer customer,
            List<Technician> technicians, Map<String, TechnicianState> states, List<Depot> depots, Instant at) {
        List<GeoPoint> origins = technicians.stream()
                .map(t -> RankingInput.origin(t, states.getOrDefault(t.id(), TechnicianState.IDLE), at))
                .toList();
        List<TravelTimeMatrix.TravelTime> times = technicians.isEmpty() ? List.of()
                : travelTimes.travelTimes(origins, job.location().point(), at);
        if (times.size() != technicians.size()) {
            throw new IllegalStateException("the travel-time matrix answered " + times.size() + " times for "
                    + technicians.size() + " origins");
        }
        Map<String, TravelTimeMatrix.TravelTime> travel = new HashMap<>();
        for (int i = 0; i < technicians.size(); i++) {
            travel.put(technicians.get(i).id(), times.get(i));
        }
        return new RankingInput(job, classification, customer, at, technicians, states, travel, depots);
    }
}
