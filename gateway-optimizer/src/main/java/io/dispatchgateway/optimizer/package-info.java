/**
 * The plan optimizer: {@link io.dispatchgateway.optimizer.PlanOptimizer} takes the technicians' plans and the open
 * jobs ({@link io.dispatchgateway.optimizer.OptimizationProblem}) and proposes better plans as a whole
 * ({@link io.dispatchgateway.optimizer.Optimization}: every move with its reason and the change of each objective),
 * judged by gateway-core's own hard rules and objectives.
 */
package io.dispatchgateway.optimizer;
