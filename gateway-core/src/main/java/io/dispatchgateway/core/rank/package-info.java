/**
 * Ranking: hard constraints that exclude technicians with a reason, weighted objectives that score the rest,
 * and the ranker that combines them into an explained recommendation.
 */
package io.dispatchgateway.core.rank;
