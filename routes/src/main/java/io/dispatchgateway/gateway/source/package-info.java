/**
 * Job sources that are polled: the embedded inbox folder, any adapter's {@code JobSource}, and the service
 * mailbox (route {@code email-job-source}, when enabled).
 */
package io.dispatchgateway.gateway.source;
