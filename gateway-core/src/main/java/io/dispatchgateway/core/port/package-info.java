/**
 * The service-provider ports through which the gateway talks to the outside world. An adapter implements
 * one or more of them; the embedded defaults in the {@code routes} module implement all of them so the
 * gateway runs alone.
 */
package io.dispatchgateway.core.port;
