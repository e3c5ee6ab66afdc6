/** Converters mappers share for types vendors spell differently: times, durations, coordinates. */
package io.dispatchgateway.mappings.convert;
