/** Who may call what: HTTP Basic users from configuration, roles per endpoint, and the audit of route toggles. */
package io.dispatchgateway.gateway.security;
