package io.dispatchgateway.gateway.security;

/** The gateway's roles. */
public final class Roles {

    /** Systems that push jobs and reference data. */
    public static final String INTEGRATION = "INTEGRATION";
    /** People who decide approvals and watch jobs. */
    public static final String DISPATCHER = "DISPATCHER";
    /** Dispatch managers: what a dispatcher can do, plus escalations. */
    public static final String MANAGER = "MANAGER";
    /** Operators of the gateway: everything, including route control. */
    public static final String ADMIN = "ADMIN";
    /** Reporting tools that read KPIs and metrics. */
    public static final String KPI_READER = "KPI_READER";

    /** A technician holding a signed pack link: that pack, nothing else. */
    public static final String TECHNICIAN = "TECHNICIAN";

    private Roles() {
    }
}
