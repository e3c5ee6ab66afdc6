package io.dispatchgateway.core.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every kind of line the audit holds. The audit stores and shows the lower-case, dashed name ({@link #wire()}:
 * {@code auto-assign-cleared}); KPI facts and tests read lines by these constants, never by free text.
 */
public enum AuditAction {
    // Intake and the pipeline.
    RECEIVED, DUPLICATE_IGNORED, CLASSIFIED, RANKED, COMMITTED_BY_SOURCE, AUTO_ASSIGN_CLEARED, APPROVAL_REQUESTED,
    ESCALATED, ESCALATION_NO_ELIGIBLE_TECHNICIAN, ASSIGNED, PACK_CREATED, EVENT_RESENT,
    /** A note on a job from its source: the customer's reply to the email that opened it. */
    NOTE_ADDED,
    /** A language model's classification proposal, validated and adopted (the job then waits for approval). */
    MODEL_CLASSIFIED,
    /** A language model was asked to classify and its answer was not used: failed, invalid or refused. */
    MODEL_PROPOSAL_REFUSED,
    // Approvals and their notices.
    APPROVED, REJECTED, BUMP_APPROVED, BUMP_DECLINED, APPROVAL_ESCALATED, APPROVAL_FALLBACK, APPROVAL_NOTICE_DELAYED,
    // Plans and their optimization.
    PLAN_OPTIMIZED, PLAN_MOVE_REJECTED, PLAN_REVIEW_DELAYED,
    // Reassignment and the write-back.
    REASSIGNED, STAFFED_IN_SOURCE, WRITTEN_BACK, WRITE_BACK_REJECTED, WRITE_BACK_DELAYED,
    // Live operations: field events, SLA stages, exception rules, escalations.
    FIELD_EN_ROUTE, FIELD_ARRIVED, FIELD_COMPLETED, FIELD_DELAYED, FIELD_PART_MISSING, FIELD_CANCELLED, RULE_FAILED,
    PART_PICKUP, REASSIGNMENT_SUGGESTED, PAUSED, PACK_NOT_DELIVERED, PRIORITY_CONFLICT, BUMP_NOT_NEEDED, BUMPED,
    SLA_BREACH_RISK, TECHNICIAN_REMINDER, SUPERVISOR_ESCALATION, MISSED_ARRIVAL, REASSIGNMENT_FAILED, SLA_BREACHED,
    ESCALATION_NOT_SENT,
    // Administration.
    TECHNICIAN_SAVED, CUSTOMER_SAVED, DEPOT_SAVED, ROUTE_STOP, ROUTE_START, ROUTE_SUSPEND, ROUTE_RESUME, ROUTE_RESET,
    /** Any other action on a route (the detail names it). */
    ROUTE_OTHER;

    private static final Map<String, AuditAction> BY_WIRE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(AuditAction::wire, Function.identity()));

    /** The name the audit stores and shows: {@code AUTO_ASSIGN_CLEARED} is {@code auto-assign-cleared}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The line a field event of {@code type} leaves. */
    public static AuditAction field(FieldEventType type) {
        return valueOf("FIELD_" + type.name());
    }

    /** The line a change of a reference record of {@code kind} ({@code technician}, {@code customer}, {@code depot}). */
    public static AuditAction saved(String kind) {
        return valueOf(kind.toUpperCase(Locale.ROOT) + "_SAVED");
    }

    /** The line a route toggle ({@code stop}, {@code start}, {@code suspend}, {@code resume}, ...) leaves. */
    public static AuditAction route(String toggle) {
        return ofWire("route-" + toggle.toLowerCase(Locale.ROOT)).filter(a -> a.name().startsWith("ROUTE_"))
                .orElse(ROUTE_OTHER);
    }

    /** The action of a stored line, or empty for a name no version of the gateway wrote. */
    public static java.util.Optional<AuditAction> ofWire(String wire) {
        return java.util.Optional.ofNullable(BY_WIRE.get(wire));
    }
}
