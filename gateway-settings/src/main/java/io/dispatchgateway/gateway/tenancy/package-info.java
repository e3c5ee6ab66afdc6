/**
 * Who may see what: the tenants a caller acts for, carried as authorities by every way in, read by the stores,
 * pages and controllers that narrow their work to them. Depends on nothing of the gateway but the core model.
 */
package io.dispatchgateway.gateway.tenancy;
