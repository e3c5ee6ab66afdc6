/**
 * Timefold Solver's view of the plans: one planning entity per technician with the open jobs as its list
 * variable ({@link io.dispatchgateway.optimizer.solver.TechnicianRoute}), and an incremental score that lays out
 * and judges only the routes a move changed ({@link io.dispatchgateway.optimizer.solver.RouteScoreCalculator}).
 */
package io.dispatchgateway.optimizer.solver;
