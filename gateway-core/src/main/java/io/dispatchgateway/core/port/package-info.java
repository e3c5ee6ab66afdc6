/**
 * The service-provider ports through which the gateway talks to the outside world. An adapter implements
 * one or more of them in its own {@code adapters-<vendor>} module with a Spring Boot auto-configuration that
 * switches off with {@code gateway.adapters.<vendor>.enabled=false}; the embedded defaults in the {@code routes}
 * module implement all of them so the gateway runs alone.
 */
package io.dispatchgateway.core.port;
