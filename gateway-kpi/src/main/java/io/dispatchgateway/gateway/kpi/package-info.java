/**
 * KPI facts derived from each job's stored decisions and audit, the KPIs computed from them, and their export.
 *
 * <p>A new KPI is computed in {@link io.dispatchgateway.gateway.kpi.KpiCalculator} from the facts {@link
 * io.dispatchgateway.gateway.kpi.KpiFacts} reads (by {@code AuditAction} constants, never by text), with its
 * column in the published {@code KpiRow} of mappings.
 */
package io.dispatchgateway.gateway.kpi;
