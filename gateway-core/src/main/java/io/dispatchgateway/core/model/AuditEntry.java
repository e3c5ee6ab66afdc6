package io.dispatchgateway.core.model;

import java.time.Instant;

/**
 * One line of a job's history: what happened, when, and who did it ({@code user:<name>}) or which rule
 * did ({@code rule:<name>}), with the data the step acted on.
 */
public record AuditEntry(Instant at, String actor, String action, String detail) {}
