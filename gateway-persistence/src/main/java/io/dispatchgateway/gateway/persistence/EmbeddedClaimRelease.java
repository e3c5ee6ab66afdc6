package io.dispatchgateway.gateway.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * At start-up on the embedded H2 file, which only one process can open, every claim in the database belonged to a
 * process that is gone: they are let go before any route starts, so work held by a killed gateway is sent again
 * at once instead of after its lease. On a shared database (PostgreSQL, several instances) the leases decide.
 */
@Component
public class EmbeddedClaimRelease implements InitializingBean {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedClaimRelease.class);

    private final DataSource dataSource;
    private final WriteBackQueue writeBacks;
    private final JobStore jobs;
    private final KpiOutbox kpis;
    private final EscalationOutbox escalations;
    private final ProposalStore proposals;

    public EmbeddedClaimRelease(DataSource dataSource, WriteBackQueue writeBacks, JobStore jobs, KpiOutbox kpis,
            EscalationOutbox escalations, ProposalStore proposals) {
        this.escalations = escalations;
        this.proposals = proposals;
        this.dataSource = dataSource;
        this.writeBacks = writeBacks;
        this.jobs = jobs;
        this.kpis = kpis;
    }

    @Override
    public void afterPropertiesSet() throws SQLException {
        String product;
        try (Connection connection = dataSource.getConnection()) {
            product = connection.getMetaData().getDatabaseProductName();
        }
        if (!"H2".equalsIgnoreCase(product)) {
            return;
        }
        int released = writeBacks.releaseClaims() + jobs.releaseNoticeClaims() + kpis.releaseClaims()
                + escalations.releaseClaims() + proposals.releaseClaims();
        if (released > 0) {
            LOG.info("{} claims of the previous run released (embedded database, one process)", released);
        }
    }
}
