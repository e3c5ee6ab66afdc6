package io.dispatchgateway.mappings.kpi;

/**
 * The KPIs of one group of jobs (a day, territory, category or tenant); a rate is null when its denominator is
 * zero. Definitions are in the README.
 */
public record KpiRow(
        String groupBy, String group, int jobs, int assigned, Double autoAssignmentShare, Double approvalShare,
        Double meanAssignmentMinutes, Double meanEstimatedTravelMinutes, Double managerOverrideRate,
        Double dispatcherTouchesPerJob, Double reassignmentsPerJob, int exceptionsOpened, Double slaAttainment,
        Double firstTimeFixRate, Double meanActualTravelMinutes, Double meanExceptionAgeMinutes,
        Double slaRecoveryRate, Double meanReassignmentMinutes, Double meanCustomerUpdateDelayMinutes) {}
