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
 * is the job's id in that source, so submitting the same pair twice yields one job.
 */
public record JobIntake(
        @NotBlank @Size(max = 100) String externalId,
        @Size(max = 40) @Pattern(regexp = "[a-z0-9][a-z0-9-]*", message = "must be lower-case letters, digits and dashes")
        String source,
        @NotBlank @Size(max = 64) String customerId,
        @NotBlank @Size(max = 500) String summary,
        @Size(max = 5000) String description,
        @NotNull @Valid Location location,
        Priority reportedPriority,
        @Size(max = 50) List<@NotBlank @Size(max = 64) String> requiredParts,
        Boolean safetyImpact) {}
