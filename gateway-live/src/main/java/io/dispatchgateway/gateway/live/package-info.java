/**
 * Live operations: field events ({@code LiveOperations} over {@code FieldEventIntake} and
 * {@code FieldEventRecords}), the SLA monitor and its stages, the exception rules carried out (reassign,
 * escalate, pause, pick up), priority conflicts, and customer update drafts.
 *
 * <p>A new exception rule: its decision goes in gateway-core ({@code ExceptionRules}, unit-tested there); the
 * class here that gathers its facts and carries it out records every outcome through {@code ExceptionTrail}
 * (the exception, its audit line, its KPI fact and the customer's draft), so the exceptions list, the audit and
 * the KPIs know it without other changes, and asks {@code Recoveries} who else could take the job.
 */
package io.dispatchgateway.gateway.live;
