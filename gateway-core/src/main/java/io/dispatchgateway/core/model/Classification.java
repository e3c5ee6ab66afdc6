package io.dispatchgateway.core.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * What the classifier decided about a job, and which rule decided it. The technician must hold
 * {@code requiredSkill} at {@code minimumSkillLevel} and every one of {@code additionalSkills} (all-of, skill to
 * minimum level), and, when {@code alternativeSkills} is not empty, at least one of them (any-of).
 */
public record Classification(
        String category,
        Priority priority,
        String requiredSkill,
        int minimumSkillLevel,
        Map<String, Integer> additionalSkills,
        Map<String, Integer> alternativeSkills,
        String requiredCertification,
        Duration estimatedDuration,
        Instant slaDeadline,
        boolean safetyImpact,
        String rule,
        String proposedBy) {

    public Classification {
        additionalSkills = additionalSkills == null ? Map.of() : Map.copyOf(additionalSkills);
        alternativeSkills = alternativeSkills == null ? Map.of() : Map.copyOf(alternativeSkills);
    }

    /** A classification the rules alone decided. */
    public Classification(String category, Priority priority, String requiredSkill, int minimumSkillLevel,
            Map<String, Integer> additionalSkills, Map<String, Integer> alternativeSkills,
            String requiredCertification, Duration estimatedDuration, Instant slaDeadline, boolean safetyImpact,
            String rule) {
        this(category, priority, requiredSkill, minimumSkillLevel, additionalSkills, alternativeSkills,
                requiredCertification, estimatedDuration, slaDeadline, safetyImpact, rule, null);
    }
}
