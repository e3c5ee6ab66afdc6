/**
 * Live operations: what field events may do to a job, the SLA watch stages, and the deterministic rules for
 * the exception families (missed arrival, missing part, priority conflict).
 *
 * <p>A new exception rule starts here: its family in {@link io.dispatchgateway.core.live.ExceptionRules.Family},
 * its decision in {@link io.dispatchgateway.core.live.ExceptionRules} (or a stage of {@link
 * io.dispatchgateway.core.live.SlaWatch} when time raises it), each with a unit test; gateway-live carries the
 * decision out.
 */
package io.dispatchgateway.core.live;
