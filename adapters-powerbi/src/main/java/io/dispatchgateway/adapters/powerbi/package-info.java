/** Power BI: KPI rows pushed to a push dataset. */
package io.dispatchgateway.adapters.powerbi;
