package io.dispatchgateway.core.intake;

import io.dispatchgateway.core.model.Location;
import io.dispatchgateway.core.model.Priority;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A job as a source submits it. {@code source} defaults to the channel it arrived on; {@code externalId}
 * is the job's id in that source, so submitting the same pair twice yields one job. {@code tenant} defaults to
 * {@code default}; {@code territory} is the service zone when the source knows it.
 */
public record JobIntake(
        @NotBlank @Size(max = 100) String externalId,
        @Size(max = 40) @Pattern(regexp = "[a-z0-9][a-z0-9-]*", message = "must be lower-case letters, digits and dashes")
        String tenant,
        @Size(max = 40) @Pattern(regexp = "[a-z0-9][a-z0-9-]*", message = "must be lower-case letters, digits and dashes")
        String source,
        @NotBlank @Size(max = 64) String customerId,
        @NotBlank @Size(max = 500) String summary,
        @Size(max = 5000) String description,
        @NotNull @Valid Location location,
        @Size(max = 64) String territory,
        Priority reportedPriority,
        @Size(max = 50) List<@NotBlank @Size(max = 64) String> requiredParts,
        Boolean safetyImpact) {}
