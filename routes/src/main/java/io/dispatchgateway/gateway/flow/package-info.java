/**
 * The dispatch flow as Camel routes: {@code DispatchRoutes} joins intake and one class per stage
 * ({@code ClassifyStage}, {@code RankStage}, {@code GateStage}, {@code AssignStage}) by the
 * {@code gateway.endpoints.*} endpoints; {@code OutboxRoutes} delivers what decisions stored for other systems and
 * {@code WatchRoutes} watches the work (recovery, SLA monitor, plan optimizer, quarantine retention).
 *
 * <p>A new stage reads its event and job with {@code StageJobs}, stores its result with a conditional status
 * change, and returns the next event (or null to stop); its route gets a stable id an admin can toggle.
 */
package io.dispatchgateway.gateway.flow;
