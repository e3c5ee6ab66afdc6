/** ServiceTitan: ingestion of jobs, technicians, stock and customers, and assignment write-back. */
package io.dispatchgateway.adapters.servicetitan;
