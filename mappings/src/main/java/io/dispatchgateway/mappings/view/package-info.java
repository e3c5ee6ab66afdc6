/** The read-back contracts of the REST API. */
package io.dispatchgateway.mappings.view;
