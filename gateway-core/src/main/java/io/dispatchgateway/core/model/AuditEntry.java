package io.dispatchgateway.core.model;

import java.time.Instant;

/**
 * One line of a job's history: what happened, when, and who did it ({@code user:<name>}) or which rule
 * did ({@code rule:<name>}), with the data the step acted on; {@code action} is an {@link AuditAction}'s wire name.
 */
public record AuditEntry(Instant at, String actor, String action, String detail) {

    /** Whether this line is of {@code kind}. */
    public boolean is(AuditAction kind) {
        return kind.wire().equals(action);
    }
}
