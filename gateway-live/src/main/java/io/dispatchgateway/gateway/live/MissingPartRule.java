package io.dispatchgateway.gateway.live;

import io.dispatchgateway.core.live.MissingPartPlan;
import io.dispatchgateway.core.model.Technician;
import io.dispatchgateway.core.port.InventoryLookup;
import io.dispatchgateway.core.port.OfflineTravelTimes;
import io.dispatchgateway.core.port.TechnicianDirectory;
import io.dispatchgateway.gateway.persistence.JobStore;
import io.dispatchgateway.gateway.settings.GatewayProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The missing-part rule: a technician reports parts missing; gateway-core's {@link MissingPartPlan} weighs
 * picking them up at a depot on the way, handing the job to a technician whose truck has them (from a fresh
 * ranking), or pausing until restock, against the job's deadline, and {@link MissingPartOutcomes} carries the
 * decision out. The data it decided on goes with the exception.
 */
@Component
public class MissingPartRule {

    private final JobStore jobs;
    private final TechnicianDirectory technicians;
    private final InventoryLookup inventory;
    private final OfflineTravelTimes travel;
    private final Recoveries recoveries;
    private final MissingPartOutcomes outcomes;
    private final Clock clock;
    private final GatewayProperties.Operations settings;

    public MissingPartRule(JobStore jobs, TechnicianDirectory technicians, InventoryLookup inventory,
            OfflineTravelTimes travel, Recoveries recoveries, MissingPartOutcomes outcomes, Clock clock,
            GatewayProperties properties) {
        this.jobs = jobs;
        this.technicians = technicians;
        this.inventory = inventory;
        this.travel = travel;
        this.recoveries = recoveries;
        this.outcomes = outcomes;
        this.clock = clock;
        this.settings = properties.operations();
    }

    /** Decides and carries out the rule for {@code parts} missing on the job. */
    public void apply(String jobId, List<String> parts) {
        JobStore.StoredJob stored = jobs.find(jobId).orElseThrow();
        Technician current = technicians.find(stored.assignment().technicianId()).orElseThrow();
        Instant now = clock.instant();
        MissingPartPlan.Planned planned = MissingPartPlan.plan(new MissingPartPlan.Situation(parts, current,
                stored.job().tenant(), stored.job().location().point(), stored.classification().slaDeadline(), now,
                now.plus(settings.restockLeadTime())), inventory.depots(), recoveries.options(stored),
                technicians::find, travel);
        outcomes.carryOut(stored, current, parts, planned.decision(), planned.source(), now);
    }
}
