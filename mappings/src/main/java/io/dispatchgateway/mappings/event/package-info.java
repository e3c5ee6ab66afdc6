/** Envelopes of the events that move a job between the stages of the dispatch flow. */
package io.dispatchgateway.mappings.event;
