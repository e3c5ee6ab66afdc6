/** The executable gateway: orchestration routes, persistence, the REST surface and the embedded defaults. */
package io.dispatchgateway.gateway;
