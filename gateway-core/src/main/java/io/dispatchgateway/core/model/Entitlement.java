package io.dispatchgateway.core.model;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a customer's contract entitles them to: SLA response targets per priority, penalty terms, and
 * technician preferences. {@code requiredTechnicianId}, when set, is the only technician the contract allows.
 */
public record Entitlement(
        Map<@NotNull Priority, @NotNull @DurationRange Duration> slaTargets,
        @Valid PenaltyTerms penalty,
        Set<String> preferredTechnicianIds,
        Set<String> excludedTechnicianIds,
        String requiredTechnicianId) {

    public Entitlement {
        slaTargets = slaTargets == null ? Map.of() : Map.copyOf(slaTargets);
        penalty = penalty == null ? PenaltyTerms.NONE : penalty;
        preferredTechnicianIds = preferredTechnicianIds == null ? Set.of() : Set.copyOf(preferredTechnicianIds);
        excludedTechnicianIds = excludedTechnicianIds == null ? Set.of() : Set.copyOf(excludedTechnicianIds);
    }

    public static Entitlement none() {
        return new Entitlement(Map.of(), PenaltyTerms.NONE, Set.of(), Set.of(), null);
    }

    public Optional<Duration> slaTarget(Priority priority) {
        return Optional.ofNullable(slaTargets.get(priority));
    }
}
