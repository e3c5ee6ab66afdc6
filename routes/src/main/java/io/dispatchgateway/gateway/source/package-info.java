/** Job sources that are polled: the embedded inbox folder, and any adapter's {@code JobSource}. */
package io.dispatchgateway.gateway.source;
