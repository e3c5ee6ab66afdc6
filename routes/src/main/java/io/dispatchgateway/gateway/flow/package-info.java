/**
 * The dispatch flow as Camel routes (intake, classify, rank, approval gate, assign, recovery) and the thin
 * stage processors that call gateway-core.
 */
package io.dispatchgateway.gateway.flow;
