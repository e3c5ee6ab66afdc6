/** KPI facts derived from each job's stored decisions and audit, the KPIs computed from them, and their export. */
package io.dispatchgateway.gateway.kpi;
