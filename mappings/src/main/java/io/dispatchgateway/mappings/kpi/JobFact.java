package io.dispatchgateway.mappings.kpi;

import java.time.Instant;

/**
 * The facts of one job's life, as KPIs are computed from them. Times are null until the step happened; the
 * field facts (en route, arrival, completion, actual travel, first-time fix) come with field events.
 *
 * @param assignedAt when the gateway first assigned the job; null for work the source's office had assigned
 *     (imported), which is not the gateway's dispatch
 * @param assignedAutomatically the first assignment was made by the approval policy, without a person
 * @param managerOverride a person chose a technician other than the recommended one, at approval or later
 * @param dispatcherTouches decisions people took on the job (approvals, rejections, reassignments)
 * @param exceptionsOpened escalations at the approval gate plus exceptions of the live rules (SLA risk, missed
 *     arrival, missing part, priority conflict)
 * @param slaMet the technician arrived by the SLA deadline; false once the deadline passed without arrival; null
 *     while it is open or when the job was cancelled
 * @param actualTravelMinutes from EN_ROUTE to ARRIVED
 * @param exceptionMinutes the summed age of those exceptions: until closed or decided, or until now while open
 * @param slaRecovered for a job that had an SLA-risk, missed-arrival or missing-part exception: whether its SLA was
 *     met anyway; null otherwise or while open
 * @param reassignmentMinutes from the first live exception to the first reassignment after it
 * @param customerUpdateDelayMinutes mean time from the change a customer update reports to its sending
 */
public record JobFact(
        String jobId, String tenant, String territory, String category, String priority, String status,
        Instant receivedAt, Instant classifiedAt, Instant decidedAt, Instant approvalRequestedAt,
        Instant approvalDecidedAt, String approvalDecidedBy, Instant assignedAt, boolean assignedAutomatically,
        String assignmentMode,
        String technicianId, Instant slaDeadline, Double estimatedTravelMinutes, Double assignmentMinutes,
        int reassignments, boolean managerOverride, int dispatcherTouches, int exceptionsOpened,
        Instant enRouteAt, Instant arrivedAt, Instant completedAt, Boolean slaMet, Double actualTravelMinutes,
        Boolean firstTimeFix, Integer customerUpdates, int exceptionsClosed, Double exceptionMinutes,
        Boolean slaRecovered, Double reassignmentMinutes, Double customerUpdateDelayMinutes) {}
