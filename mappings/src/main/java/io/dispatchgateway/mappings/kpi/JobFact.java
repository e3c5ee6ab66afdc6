package io.dispatchgateway.mappings.kpi;

import java.time.Instant;

/**
 * The facts of one job's life, as KPIs are computed from them. Times are null until the step happened; the
 * field facts (en route, arrival, completion, SLA met, actual travel, first-time fix, customer updates) come
 * with field events and are null until then.
 *
 * @param assignedAutomatically the first assignment was made by the approval policy, without a person
 * @param managerOverride a person chose a technician other than the recommended one, at approval or later
 * @param dispatcherTouches decisions people took on the job (approvals, rejections, reassignments)
 * @param exceptionsOpened escalations raised on the job
 */
public record JobFact(
        String jobId, String tenant, String territory, String category, String priority, String status,
        Instant receivedAt, Instant classifiedAt, Instant decidedAt, Instant approvalRequestedAt,
        Instant approvalDecidedAt, String approvalDecidedBy, Instant assignedAt, boolean assignedAutomatically,
        String assignmentMode,
        String technicianId, Instant slaDeadline, Double estimatedTravelMinutes, Double assignmentMinutes,
        int reassignments, boolean managerOverride, int dispatcherTouches, int exceptionsOpened,
        Instant enRouteAt, Instant arrivedAt, Instant completedAt, Boolean slaMet, Double actualTravelMinutes,
        Boolean firstTimeFix, Integer customerUpdates) {}
