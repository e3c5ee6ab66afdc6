package io.dispatchgateway.core.rank;

import io.dispatchgateway.core.model.Technician;
import io.dispatchgateway.core.port.TravelTimeMatrix.TravelTime;

/** A technician who passed the hard constraints, with the measures the objectives score. */
public record Candidate(Technician technician, TravelTime travel, int activeJobs, RankingRequest request) {}
