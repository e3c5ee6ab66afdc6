package io.dispatchgateway.core.model;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The ranked options for a job, best first, and the technicians excluded from it with every reason.
 * {@code options} holds the best {@code eligible} technicians up to the ranking's option limit.
 */
public record Recommendation(String policy, List<RankedOption> options, int eligible,
        List<ExcludedTechnician> excluded, Instant computedAt) {

    public Recommendation {
        options = List.copyOf(options);
        excluded = List.copyOf(excluded);
    }

    public Optional<RankedOption> best() {
        return options.isEmpty() ? Optional.empty() : Optional.of(options.get(0));
    }

    /** The option to fall back on when the chosen technician cannot go: the best one that is not them. */
    public Optional<RankedOption> fallbackFor(String chosenTechnicianId) {
        return options.stream().filter(o -> !o.technicianId().equals(chosenTechnicianId)).findFirst();
    }

    public Optional<RankedOption> option(String technicianId) {
        return options.stream().filter(o -> o.technicianId().equals(technicianId)).findFirst();
    }

    /** Why the ranking excluded {@code technicianId}, when it did. */
    public Optional<ExcludedTechnician> exclusion(String technicianId) {
        return excluded.stream().filter(e -> e.technicianId().equals(technicianId)).findFirst();
    }
}
