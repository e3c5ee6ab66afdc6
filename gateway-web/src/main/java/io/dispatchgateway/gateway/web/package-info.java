/** The REST API: intake, read-back, reference data, approvals, quarantine, and RFC 9457 problem responses. */
package io.dispatchgateway.gateway.web;
