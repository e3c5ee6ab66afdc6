/**
 * The canonical dispatch model: jobs, customers and their entitlements, technicians, stock, and the
 * decisions the gateway makes about them. Every adapter maps its vendor's data to and from these records.
 */
package io.dispatchgateway.core.model;
