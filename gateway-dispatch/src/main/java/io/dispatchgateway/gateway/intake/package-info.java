/** Reading, checking and accepting payloads; what cannot be accepted is quarantined with field-level reasons. */
package io.dispatchgateway.gateway.intake;
