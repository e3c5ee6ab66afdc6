/**
 * The gateway's settings ({@code gateway.*}), bound and validated at start-up. Every part of the gateway reads
 * them; they depend on nothing of the gateway but the core model, so no package cycle runs through them.
 */
package io.dispatchgateway.gateway.settings;
