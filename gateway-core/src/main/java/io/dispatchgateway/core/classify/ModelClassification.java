package io.dispatchgateway.core.classify;

import io.dispatchgateway.core.model.Priority;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * What a language model proposes for a job the rule table could not classify with confidence. It is only a
 * proposal: {@link JobClassifier#adopt} takes it when its category and skill are known, never below the rules'
 * priority and never without their safety flag, and the job then waits for a dispatcher.
 *
 * @param category one of the rule table's categories
 * @param priority how urgent the model thinks the job is
 * @param requiredSkill one of the skills the gateway knows
 * @param durationMinutes how long the work on site takes
 * @param safetyImpact whether the job puts people or property at risk
 * @param rationale one or two sentences a dispatcher reads beside the proposal
 */
public record ModelClassification(
        @NotBlank @Size(max = 64) String category,
        @NotNull Priority priority,
        @NotBlank @Size(max = 64) String requiredSkill,
        @NotNull @Min(value = MIN_MINUTES, message = "must be at least 15 minutes")
        @Max(value = MAX_MINUTES, message = "must be at most 720 minutes (12 hours)") Integer durationMinutes,
        @NotNull Boolean safetyImpact,
        @Size(max = 500) String rationale) {

    /** The shortest on-site duration a proposal may give. */
    public static final int MIN_MINUTES = 15;
    /** The longest on-site duration a proposal may give. */
    public static final int MAX_MINUTES = 720;
}
