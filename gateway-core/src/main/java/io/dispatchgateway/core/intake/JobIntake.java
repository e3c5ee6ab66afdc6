package io.dispatchgateway.core.intake;

import io.dispatchgateway.core.model.Location;
import io.dispatchgateway.core.model.Priority;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A job as a source submits it. {@code source} defaults to the channel it arrived on; {@code externalId}
 * is the job's id in that source, so submitting the same pair twice yields one job. {@code tenant} defaults to
 * {@code default}; {@code territory} is the service zone when the source knows it. {@code arrivalWindow} is the
 * appointment promised to the customer, {@code notBefore} the earliest start, {@code partQuantities} how many of
 * a required part the job uses (1 when not given). {@code assignedTechnicianId} is set by a source whose own
 * dispatcher already assigned the job: it is held in that technician's plan, not dispatched again;
 * {@code jobType} the source's kind of work.
 */
public record JobIntake(
        @NotBlank @Size(max = 100) String externalId,
        @Size(max = 40) @Pattern(regexp = "[a-z0-9][a-z0-9-]*",
                message = "must be lower-case letters, digits and dashes")
        String tenant,
        @Size(max = 40) @Pattern(regexp = "[a-z0-9][a-z0-9-]*",
                message = "must be lower-case letters, digits and dashes")
        String source,
        @NotBlank @Size(max = 64) String customerId,
        @NotBlank @Size(max = 500) String summary,
        @Size(max = 5000) String description,
        @NotNull @Valid Location location,
        @Size(max = 64) String territory,
        Priority reportedPriority,
        @Size(max = 50) List<@NotBlank @Size(max = 64) String> requiredParts,
        Boolean safetyImpact,
        @Valid Window arrivalWindow,
        Instant notBefore,
        @Size(max = 50) Map<@NotBlank @Size(max = 64) String, @NotNull @Positive Integer> partQuantities,
        @Size(max = 64) String assignedTechnicianId,
        @Valid Type jobType) {

    /**
     * The source's job type: its name, the skills it needs (the technicians' skill ids), its usual length and
     * its priority; the classifier prefers these to its rule table.
     */
    public record Type(@NotBlank @Size(max = 100) String name,
            @Size(max = 10) List<@NotBlank @Size(max = 64) String> skills,
            @io.dispatchgateway.core.model.DurationRange(min = "PT1M", max = "P7D") Duration duration,
            Priority priority) {}

    /** The same job for {@code newTenant}. */
    public JobIntake withTenant(String newTenant) {
        return new JobIntake(externalId, newTenant, source, customerId, summary, description, location, territory,
                reportedPriority, requiredParts, safetyImpact, arrivalWindow, notBefore, partQuantities,
                assignedTechnicianId, jobType);
    }

    /** An appointment window: both ends required, the end after the start. */
    public record Window(@NotNull Instant start, @NotNull Instant end) {}
}
