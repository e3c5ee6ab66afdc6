/**
 * The executable gateway: the Camel pipeline ({@code flow}), the job sources ({@code source}) and the wiring of
 * the embedded defaults ({@code config}), on top of the gateway-settings, -persistence, -dispatch, -live, -kpi
 * and -web modules.
 */
package io.dispatchgateway.gateway;
