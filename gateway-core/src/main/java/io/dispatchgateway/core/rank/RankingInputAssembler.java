package io.dispatchgateway.core.rank;

import io.dispatchgateway.core.model.Classification;
import io.dispatchgateway.core.model.Customer;
import io.dispatchgateway.core.model.Depot;
import io.dispatchgateway.core.model.GeoPoint;
import io.dispatchgateway.core.model.Job;
import io.dispatchgateway.core.model.RankedOption;
import io.dispatchgateway.core.model.Technician;
import io.dispatchgateway.core.port.OfflineTravelTimes;
import io.dispatchgateway.core.port.TravelTimeMatrix;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Captures the snapshot a ranking uses, keeping the travel-time bill small: every technician is first ranked
 * with the offline estimate, and only the {@code measureTop} best options are then measured with the
 * configured travel-time matrix (a routing service). Their measured times replace the estimates in the
 * snapshot, so the final ranking, and any replay of it, sees measured times where they matter and says
 * which times were estimated.
 */
public final class RankingInputAssembler {

    private final OfflineTravelTimes estimate;
    private final TravelTimeMatrix measure;
    private final CandidateRanker ranker;
    private final int measureTop;

    /**
     * @param measure the matrix to ask for the top options; when it is {@code estimate} itself, the estimate
     *        is final and nothing is measured
     */
    public RankingInputAssembler(OfflineTravelTimes estimate, TravelTimeMatrix measure, CandidateRanker ranker,
            int measureTop) {
        this.estimate = estimate;
        this.measure = measure;
        this.ranker = ranker;
        this.measureTop = measureTop;
    }

    /** With a single matrix for everything (tests, and the offline-only set-up). */
    public RankingInputAssembler(OfflineTravelTimes estimate) {
        this(estimate, estimate, null, 0);
    }

    public RankingInput assemble(Job job, Classification classification, Customer customer,
            List<Technician> technicians, Map<String, TechnicianState> states, List<Depot> depots, Instant at,
            RankingPolicy policy) {
        // Another tenant's technicians and depots are not part of the decision, not even as exclusions.
        technicians = technicians.stream().filter(t -> t.worksFor(job.tenant())).toList();
        depots = depots.stream().filter(d -> d.serves(job.tenant())).toList();
        Map<String, TechnicianState> knownStates = Map.copyOf(states);
        List<GeoPoint> origins = technicians.stream()
                .map(t -> RankingInput.origin(t, knownStates.getOrDefault(t.id(), TechnicianState.IDLE), at))
                .toList();
        GeoPoint site = job.location().point();
        Map<String, TravelTimeMatrix.TravelTime> travel = times(estimate, technicians, origins, site, at);
        RankingInput estimated = new RankingInput(job, classification, customer, at, technicians, knownStates, travel,
                depots);
        if (measure == estimate || ranker == null || measureTop <= 0 || technicians.isEmpty()) {
            return estimated;
        }
        List<String> contenders = ranker.rank(estimated, policy).options().stream().limit(measureTop)
                .map(RankedOption::technicianId).toList();
        if (contenders.isEmpty()) {
            return estimated;
        }
        List<Technician> measured = technicians.stream().filter(t -> contenders.contains(t.id())).toList();
        List<GeoPoint> measuredOrigins = measured.stream()
                .map(t -> RankingInput.origin(t, knownStates.getOrDefault(t.id(), TechnicianState.IDLE), at))
                .toList();
        Map<String, TravelTimeMatrix.TravelTime> refined = new HashMap<>(travel);
        refined.putAll(times(measure, measured, measuredOrigins, site, at));
        return new RankingInput(job, classification, customer, at, technicians, knownStates, refined, depots);
    }

    private static Map<String, TravelTimeMatrix.TravelTime> times(TravelTimeMatrix matrix, List<Technician> technicians,
            List<GeoPoint> origins, GeoPoint site, Instant at) {
        List<TravelTimeMatrix.TravelTime> times = technicians.isEmpty() ? List.of()
                : matrix.travelTimes(origins, site, at);
        if (times.size() != technicians.size()) {
            throw new IllegalStateException("the travel-time matrix answered " + times.size() + " times for "
                    + technicians.size() + " origins");
        }
        Map<String, TravelTimeMatrix.TravelTime> travel = new HashMap<>();
        for (int i = 0; i < technicians.size(); i++) {
            travel.put(technicians.get(i).id(), times.get(i));
        }
        return travel;
    }
}
