package io.dispatchgateway.core.model;

/**
 * Tenants are the organisations whose work the gateway keeps apart (an MSP's clients): every job, customer,
 * quarantine entry and KPI row belongs to one; technicians and depots to some or all.
 */
public final class Tenants {

    /** The tenant of everything that names none: a single-tenant set-up never needs to say it. */
    public static final String DEFAULT = "default";

    private Tenants() {}
}
