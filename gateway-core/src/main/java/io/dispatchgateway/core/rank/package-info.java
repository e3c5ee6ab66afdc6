/**
 * Ranking: hard constraints that exclude technicians with a reason, weighted objectives that score the rest,
 * and the ranker that combines them into an explained recommendation.
 *
 * <p>A new hard rule is a record implementing {@link io.dispatchgateway.core.rank.HardConstraint} in
 * {@link io.dispatchgateway.core.rank.HardConstraints}, listed in its {@code all()} and tested in
 * {@code HardConstraintsTest}; a new objective is a record implementing {@link
 * io.dispatchgateway.core.rank.Objective} in {@link io.dispatchgateway.core.rank.Objectives}, listed in its
 * {@code all()}, with a weight in each policy of {@code PolicyCatalog}.
 */
package io.dispatchgateway.core.rank;
