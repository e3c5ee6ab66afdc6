/** The KPI contracts: one fact row per job, and KPI rows per group; what the export and Power BI read. */
package io.dispatchgateway.mappings.kpi;
