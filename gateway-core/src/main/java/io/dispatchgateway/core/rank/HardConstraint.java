package io.dispatchgateway.core.rank;

import java.util.Optional;

/**
 * A rule a technician must pass to be considered at all. A failing technician is excluded, and the
 * returned sentence tells the dispatcher why.
 */
public interface HardConstraint {

    /** Stable rule name shown in explanations ({@code skill}, {@code certification}). */
    String name();

    /** @return why the candidate cannot take the job, or empty when the rule passes */
    Optional<String> violation(Candidate candidate);

    /**
     * Whether the rule depends on where the job goes in the technician's plan (arrival, drive, day); rules that
     * do not are checked once per technician, before any place is tried, and may read only the candidate's
     * technician, state, input and settings.
     */
    default boolean positional() {
        return false;
    }
}
