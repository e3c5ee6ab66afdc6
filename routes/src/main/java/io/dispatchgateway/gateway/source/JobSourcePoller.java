package io.dispatchgateway.gateway.source;

import io.dispatchgateway.core.port.JobSource;
import io.dispatchgateway.gateway.dispatch.Reassignment;
import io.dispatchgateway.gateway.intake.IntakeGate;
import io.dispatchgateway.gateway.intake.IntakeOutcome;
import io.dispatchgateway.gateway.live.LiveOperations;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Hands each payload a {@link JobSource} delivers to intake, recorded as coming from that source; the field
 * events it reports to live operations; and the staffing changes made in the source to the reassignment rules. A
 * payload intake refused (quarantined) is told back to the source, which may offer it again later. A payload
 * that intake cannot take (store down) makes the poll fail, so the source keeps it for next time.
 */
@Component
public class JobSourcePoller {

    private static final Logger LOG = LoggerFactory.getLogger(JobSourcePoller.class);

    private final List<JobSource> sources;
    private final IntakeGate intake;
    private final LiveOperations live;

    private final Reassignment reassignment;

    public JobSourcePoller(List<JobSource> sources, IntakeGate intake, LiveOperations live,
            Reassignment reassignment) {
        this.sources = List.copyOf(sources);
        this.intake = intake;
        this.live = live;
        this.reassignment = reassignment;
    }

    /** Every job source bean: the inbox folder, and each adapter's. */
    public List<JobSource> sources() {
        return sources;
    }

    /** @return how many payloads the source handed over */
    public int poll(JobSource source) {
        return source.poll(payload -> {
                    IntakeOutcome outcome = intake.submit(payload, source.name(), "source:" + source.name(), null);
                    if (outcome != null && !outcome.accepted()) {
                        source.refused(payload);
                    }
                },
                new JobSource.FieldEvents() {
                    @Override
                    public void report(String externalId, String payload) {
                        live.reportFromSource(source.name(), externalId, payload);
                    }

                    @Override
                    public void staffed(String externalId, List<String> technicianIds, Instant at) {
                        try {
                            reassignment.staffedInSource(source.name(), externalId, technicianIds, at);
                        } catch (RuntimeException e) {
                            // One job that cannot take the change must not stop the source's feed for the others.
                            LOG.warn("{} staffing change of job {} ({}) not applied: {}", source.name(), externalId,
                                    technicianIds, e.toString());
                        }
                    }
                });
    }
}
