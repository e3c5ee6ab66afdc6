/** The gateway's published data contracts and the MapStruct configuration every mapper shares. */
package io.dispatchgateway.mappings;
