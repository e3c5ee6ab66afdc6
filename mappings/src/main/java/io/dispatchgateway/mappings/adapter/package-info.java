/** How an adapter announces itself to the gateway. */
package io.dispatchgateway.mappings.adapter;
