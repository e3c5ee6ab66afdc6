package io.dispatchgateway.core.rank;

/**
 * A weighted objective. It measures a raw value for a candidate in its own unit and maps it onto 0..1,
 * where 1 is best; the ranker multiplies that by the policy's weight for {@link #name()}.
 */
public interface Objective {

    /** Stable name, also the key of its weight in a policy ({@code travel-time}). */
    String name();

    double raw(Candidate candidate);

    /** @return the raw value on the 0..1 scale, 1 best */
    double normalize(double raw, Candidate candidate, RankingPolicy policy);
}
