/**
 * Live operations: what field events may do to a job, the SLA watch stages, and the deterministic rules for
 * the exception families (missed arrival, missing part, priority conflict).
 */
package io.dispatchgateway.core.live;
