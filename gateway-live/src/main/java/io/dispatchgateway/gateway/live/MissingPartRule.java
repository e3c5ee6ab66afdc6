package io.dispatchgateway.gateway.live;

import io.dispatchgateway.core.live.ExceptionRules.Decision;
import io.dispatchgateway.core.live.ExceptionRules;
import io.dispatchgateway.core.model.Depot;
import io.dispatchgateway.core.model.GeoPoint;
import io.dispatchgateway.core.model.RankedOption;
import io.dispatchgateway.core.model.Technician;
import io.dispatchgateway.core.port.InventoryLookup;
import io.dispatchgateway.core.port.OfflineTravelTimes;
import io.dispatchgateway.core.port.TechnicianDirectory;
import io.dispatchgateway.gateway.persistence.JobStore;
import io.dispatchgateway.gateway.settings.GatewayProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The missing-part rule: a technician reports parts missing; the rule weighs picking them up at a depot on the
 * way, handing the job to a technician whose truck has them (from a fresh ranking), or pausing until restock,
 * against the job's deadline ({@link ExceptionRules#missingPart}), and {@link MissingPartOutcomes} carries the
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
        Instant deadline = stored.classification().slaDeadline();
        GeoPoint site = stored.job().location().point();
        List<ExceptionRules.Pickup> pickups = new ArrayList<>();
        StringBuilder source = new StringBuilder("parts " + parts + "; technician " + current.id() + " at "
                + current.currentPosition() + "; deadline " + deadline + "; depots:");
        for (Depot depot : inventory.depots()) {
            if (depot.usableBy(current) && depot.serves(stored.job().tenant())
                    && parts.stream().allMatch(depot::stocks)) {
                double toDepot = minutes(current.currentPosition(), depot.location(), now);
                Instant leave = now.plus(Duration.ofSeconds((long) (toDepot * 60)))
                        .plus(io.dispatchgateway.core.rank.RankingSettings.DEPOT_HANDLING);
                double onward = minutes(depot.location(), site, leave);
                Instant eta = leave.plus(Duration.ofSeconds((long) (onward * 60)));
                pickups.add(new ExceptionRules.Pickup(depot.id(), depot.name(), eta));
                source.append(" ").append(depot.id()).append(" on site ").append(eta);
            }
        }
        List<ExceptionRules.Holder> holders = new ArrayList<>();
        source.append("; trucks:");
        for (RankedOption option : recoveries.options(stored)) {
            if (option.technicianId().equals(current.id())) {
                continue;
            }
            Technician other = technicians.find(option.technicianId()).orElse(null);
            if (other != null && parts.stream().allMatch(other::carries)) {
                holders.add(new ExceptionRules.Holder(other.id(), option.eta()));
                source.append(" ").append(other.id()).append(" on site ").append(option.eta());
            }
        }
        Decision decision = ExceptionRules.missingPart(parts, deadline, pickups, holders,
                now.plus(settings.restockLeadTime()));
        outcomes.carryOut(stored, current, parts, decision, source.toString(), now);
    }

    private double minutes(GeoPoint from, GeoPoint to, Instant departure) {
        return travel.travelTimes(List.of(from), to, departure).get(0).minutes();
    }
}
