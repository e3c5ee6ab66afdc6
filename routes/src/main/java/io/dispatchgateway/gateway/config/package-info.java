/** The gateway's own settings and the wiring of gateway-core into Spring, with the embedded port defaults. */
package io.dispatchgateway.gateway.config;
