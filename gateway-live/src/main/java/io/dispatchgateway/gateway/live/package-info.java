/**
 * Live operations: field events, the SLA monitor and its stages, the exception rules carried out (reassign,
 * escalate, pause, pick up), customer update drafts, and the signed links to the technician's pack.
 */
package io.dispatchgateway.gateway.live;
