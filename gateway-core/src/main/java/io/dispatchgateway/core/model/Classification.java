package io.dispatchgateway.core.model;

import java.time.Duration;
import java.time.Instant;

/** What the classifier decided about a job, and which rule decided it. */
public record Classification(
        String category,
        Priority priority,
        String requiredSkill,
        int minimumSkillLevel,
        String requiredCertification,
        Duration estimatedDuration,
        Instant slaDeadline,
        boolean safetyImpact,
        String rule) {}
