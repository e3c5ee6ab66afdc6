/** The approval policy: which decisions a human must take, and why. */
package io.dispatchgateway.core.approval;
