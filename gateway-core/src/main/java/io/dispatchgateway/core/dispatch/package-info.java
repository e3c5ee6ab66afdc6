/** Assembling what the assigned technician receives: the dispatch pack. */
package io.dispatchgateway.core.dispatch;
