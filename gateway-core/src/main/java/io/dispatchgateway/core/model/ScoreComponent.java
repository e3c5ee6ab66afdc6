package io.dispatchgateway.core.model;

/**
 * One objective's part of an option's score: the raw measure (in the objective's own unit), its value
 * normalized to 0..1 (1 is best), the policy weight, and {@code contribution = normalized * weight}.
 */
public record ScoreComponent(String name, double raw, double normalized, double weight, double contribution) {}
