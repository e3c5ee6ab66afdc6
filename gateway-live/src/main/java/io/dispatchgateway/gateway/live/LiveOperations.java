package io.dispatchgateway.gateway.live;

import io.dispatchgateway.core.intake.FieldProblem;
import io.dispatchgateway.core.live.ExceptionRules.Decision;
import io.dispatchgateway.core.live.ExceptionRules;
import io.dispatchgateway.core.live.FieldEventCheck;
import io.dispatchgateway.core.model.ApprovalStatus;
import io.dispatchgateway.core.model.AssignmentMode;
import io.dispatchgateway.core.model.AuditAction;
import io.dispatchgateway.core.model.Depot;
import io.dispatchgateway.core.model.DispatchPack;
import io.dispatchgateway.core.model.FieldEvent;
import io.dispatchgateway.core.model.FieldEventType;
import io.dispatchgateway.core.model.GeoPoint;
import io.dispatchgateway.core.model.JobStatus;
import io.dispatchgateway.core.model.RankedOption;
import io.dispatchgateway.core.model.Technician;
import io.dispatchgateway.core.port.CustomerDirectory;
import io.dispatchgateway.core.port.InventoryLookup;
import io.dispatchgateway.core.port.KpiSink;
import io.dispatchgateway.core.port.OfflineTravelTimes;
import io.dispatchgateway.core.port.PackDelivery;
import io.dispatchgateway.core.port.TechnicianDirectory;
import io.dispatchgateway.gateway.dispatch.EscalationSender;
import io.dispatchgateway.gateway.dispatch.PackLinks;
import io.dispatchgateway.gateway.dispatch.Rankings;
import io.dispatchgateway.gateway.dispatch.Reassignment;
import io.dispatchgateway.gateway.intake.PayloadReader;
import io.dispatchgateway.gateway.intake.PayloadRejectedException;
import io.dispatchgateway.gateway.live.CustomerUpdateDrafts.Reason;
import io.dispatchgateway.gateway.persistence.AuditLog;
import io.dispatchgateway.gateway.persistence.JobStore;
import io.dispatchgateway.gateway.persistence.LiveOpsStore;
import io.dispatchgateway.gateway.persistence.QuarantineStore;
import io.dispatchgateway.gateway.settings.GatewayProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Field events and the exception rules they set off. An event is checked like an intake payload (a bad one is
 * refused field by field and quarantined), must fit the job's status (else 409), moves the job, and is kept
 * with the audit and a KPI fact. DELAYED re-runs the SLA watch at once; PART_MISSING runs the missing-part rule.
 */
@Service
public class LiveOperations {

    private static final Logger LOG = LoggerFactory.getLogger(LiveOperations.class);

    /** A field event that does not fit the job's status. */
    public static class WrongStateException extends RuntimeException {
        public WrongStateException(String message) {
            super(message);
        }
    }

    private final JobStore jobs;
    private final LiveOpsStore store;
    private final AuditLog audit;
    private final PayloadReader reader;
    private final QuarantineStore quarantine;
    private final TechnicianDirectory technicians;
    private final CustomerDirectory customers;
    private final InventoryLookup inventory;
    private final OfflineTravelTimes travel;
    private final Rankings ranking;
    private final Reassignment reassignment;
    private final EscalationSender escalations;
    private final PackDelivery packDelivery;
    private final PackLinks links;
    private final CustomerUpdateDrafts drafts;
    private final SlaMonitor monitor;
    private final KpiSink kpis;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final GatewayProperties.Operations settings;
    private final io.dispatchgateway.gateway.dispatch.PlanBook plans;

    public LiveOperations(io.dispatchgateway.gateway.dispatch.PlanBook plans, JobStore jobs, LiveOpsStore store,
            AuditLog audit, PayloadReader reader,
            QuarantineStore quarantine, TechnicianDirectory technicians, CustomerDirectory customers,
            InventoryLookup inventory, OfflineTravelTimes travel, Rankings ranking, Reassignment reassignment,
            EscalationSender escalations, PackDelivery packDelivery, PackLinks links, CustomerUpdateDrafts drafts,
            SlaMonitor monitor, KpiSink kpis, TransactionTemplate tx, Clock clock, GatewayProperties properties) {
        this.plans = plans;
        this.jobs = jobs;
        this.store = store;
        this.audit = audit;
        this.reader = reader;
        this.quarantine = quarantine;
        this.technicians = technicians;
        this.customers = customers;
        this.inventory = inventory;
        this.travel = travel;
        this.ranking = ranking;
        this.reassignment = reassignment;
        this.escalations = escalations;
        this.packDelivery = packDelivery;
        this.links = links;
        this.drafts = drafts;
        this.monitor = monitor;
        this.kpis = kpis;
        this.tx = tx;
        this.clock = clock;
        this.settings = properties.operations();
    }

    /**
     * Records a field event.
     *
     * @param actor {@code user:<name>}, {@code technician:<id>} or {@code source:<system>}
     * @return the job's live state afterwards
     */
    public LiveOpsStore.Live report(String jobId, String payload, String actor) {
        return report(jobId, payload, actor, true);
    }

    /**
     * A field event a job source saw (a status change in the field-service system). Unknown jobs are skipped;
     * an event the job has already passed (the system reports the status on every change of the job) is
     * ignored; a malformed one is quarantined. Nothing here fails the source's poll.
     */
    public void reportFromSource(String source, String externalId, String payload) {
        String jobId = jobs.findId(source, externalId).orElse(null);
        if (jobId == null) {
            return;
        }
        FieldEvent parsed = reader.parse(payload, FieldEvent.class).value();
        if (parsed != null && parsed.type() != null && store.lastEventType(jobId, "source:" + source)
                .filter(parsed.type().name()::equals).isPresent()) {
            return; // the source repeats a job's status on every change of the job: only a new status counts
        }
        try {
            report(jobId, payload, "source:" + source, false);
        } catch (WrongStateException passed) {
            LOG.debug("{} event for job {} not applied: {}", source, jobId, passed.getMessage());
        } catch (PayloadRejectedException rejected) {
            LOG.warn("{} field event for job {} refused and quarantined: {}", source, jobId, rejected.problems());
        }
    }

    private LiveOpsStore.Live report(String jobId, String payload, String actor, boolean firstTimeFixKnown) {
        JobStore.StoredJob stored = jobs.find(jobId)
                .orElseThrow(() -> new NoSuchElementException("no job with id '" + jobId + "'"));
        io.dispatchgateway.gateway.tenancy.JobLogContext.enter(stored.job().tenant(), jobId);
        Instant now = clock.instant();
        PayloadReader.Parsed<FieldEvent> parsed = reader.parse(payload, FieldEvent.class);
        List<FieldProblem> problems = parsed.withChecks(event -> {
            List<FieldProblem> all = new ArrayList<>(reader.constraints(event));
            all.addAll(FieldEventCheck.problems(event, now, firstTimeFixKnown));
            String assigned = stored.assignment() == null ? null : stored.assignment().technicianId();
            if (event.technicianId() != null && !event.technicianId().equals(assigned)) {
                all.add(new FieldProblem("technicianId", "job " + jobId + " is assigned to "
                        + (assigned == null ? "nobody" : assigned) + ", not to " + event.technicianId()));
            }
            return all;
        });
        if (!problems.isEmpty()) {
            throw new PayloadRejectedException("field-event", problems,
                    quarantine.quarantine(actor, "field-event", problems, payload));
        }
        FieldEvent given = parsed.value();
        String refusal = FieldEventCheck.refusal(stored.status(), given.type());
        if (refusal != null) {
            throw new WrongStateException(refusal);
        }
        FieldEvent event = new FieldEvent(given.type(), given.at() == null ? now : given.at(),
                given.technicianId() != null ? given.technicianId()
                        : stored.assignment() == null ? null : stored.assignment().technicianId(),
                given.newEta(), given.firstTimeFix(), given.parts(), given.reason(), given.location());
        apply(stored, event, actor);
        if (event.location() != null && event.technicianId() != null) {
            technicians.updateLocation(event.technicianId(), event.location(), event.at());
        }
        // The event is recorded; a rule that fails now is audited and left to the SLA monitor and to people,
        // rather than failing the report (whose retry would record the event twice).
        try {
            switch (event.type()) {
                case DELAYED -> monitor.evaluate(jobId);
                case PART_MISSING -> missingPart(jobId, event.parts(), actor);
                default -> { }
            }
        } catch (RuntimeException e) {
            LOG.warn("The rule after {} on job {} failed: {}", event.type(), jobId, e.toString());
            audit.record(jobId, "system:live-operations", AuditAction.RULE_FAILED,
                    event.type() + ": " + e.getMessage());
            escalations.send(jobId, "rule-failed", "The " + event.type() + " reported for job " + jobId
                    + " was recorded, but its rule failed (" + e.getMessage() + "); please decide by hand.");
        }
        return store.live(jobId).orElseThrow();
    }

    private void apply(JobStore.StoredJob stored, FieldEvent event, String actor) {
        String jobId = stored.job().id();
        LiveOpsStore.Live before = store.live(jobId).orElseThrow();
        JobStatus next = FieldEventCheck.next(stored.status(), event.type());
        Boolean moved = tx.execute(status -> {
            String column = switch (event.type()) {
                case EN_ROUTE -> "en_route_at";
                case ARRIVED -> "arrived_at";
                case COMPLETED -> "completed_at";
                default -> null;
            };
            if (!store.move(jobId, stored.status(), next, column, event.at(), event.firstTimeFix())) {
                return false;
            }
            store.addEvent(jobId, event, actor);
            Map<String, Object> measures = new HashMap<>();
            measures.put("actor", actor);
            if (event.technicianId() != null) {
                measures.put("technicianId", event.technicianId());
            }
            switch (event.type()) {
                case DELAYED -> {
                    store.setEta(jobId, event.newEta());
                    plans.reportEta(jobId, event.newEta());
                    if (before.eta() != null) {
                        measures.put("minutes", minutes(before.eta(), event.newEta()));
                    }
                }
                case ARRIVED -> {
                    if (before.enRouteAt() != null) {
                        measures.put("minutes", minutes(before.enRouteAt(), event.at()));
                    }
                    store.closeExceptions(jobId, actor, "the technician arrived");
                }
                case COMPLETED -> {
                    measures.put("firstTimeFix", event.firstTimeFix());
                    plans.release(jobId);
                }
                case CANCELLED -> {
                    // Its place frees up: the jobs after it (and a proposal's technician) get the plan's new times.
                    plans.release(jobId);
                    store.closeExceptions(jobId, actor, "the job was cancelled");
                    jobs.latestApprovalForJob(jobId).filter(a -> a.status() == ApprovalStatus.PENDING)
                            .ifPresent(a -> jobs.decide(a.decide(ApprovalStatus.REJECTED, actor, event.at(), null,
                                    "the job was cancelled")));
                }
                default -> { }
            }
            audit.record(jobId, actor, AuditAction.field(event.type()),
                    describe(event) + (next != stored.status() ? "; job " + next : ""));
            kpis.record(new KpiSink.KpiFact(jobId, event.type().name().toLowerCase().replace('_', '-'), event.at(),
                    measures));
            if (event.technicianId() != null) {
                if (event.type() == FieldEventType.COMPLETED && event.location() == null) {
                    // The technician is at the site they finished at: their plan goes on from there.
                    technicians.updateLocation(event.technicianId(), stored.job().location().point(), event.at());
                }
                plans.refresh(event.technicianId());
            }
            if (event.type() == FieldEventType.DELAYED) {
                drafts.draft(jobId, customerName(stored), Reason.DELAYED, event.newEta(), event.at());
            } else if (event.type() == FieldEventType.CANCELLED) {
                drafts.draft(jobId, customerName(stored), Reason.CANCELLED, null, event.at());
            }
            return true;
        });
        if (!Boolean.TRUE.equals(moved)) {
            throw new WrongStateException("job " + jobId + " changed while the event was recorded; read it again");
        }
    }

    /** The missing-part rule, carried out: pick up on the way, hand over to a technician who has it, or pause. */
    void missingPart(String jobId, List<String> parts, String reportedBy) {
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
                    && parts.stream().allMatch(p -> depot.stock().getOrDefault(p, 0) > 0)) {
                double toDepot = minutes(current.currentPosition(), depot.location(), now);
                Instant leave = now.plus(Duration.ofSeconds((long) (toDepot * 60))).plus(io.dispatchgateway.core.rank.RankingSettings.DEPOT_HANDLING);
                double onward = minutes(depot.location(), site, leave);
                Instant eta = leave.plus(Duration.ofSeconds((long) (onward * 60)));
                pickups.add(new ExceptionRules.Pickup(depot.id(), depot.name(), eta));
                source.append(" ").append(depot.id()).append(" on site ").append(eta);
            }
        }
        List<ExceptionRules.Holder> holders = new ArrayList<>();
        source.append("; trucks:");
        for (RankedOption option : options(stored)) {
            if (option.technicianId().equals(current.id())) {
                continue;
            }
            Technician other = technicians.find(option.technicianId()).orElse(null);
            if (other != null && parts.stream().allMatch(p -> other.truckStock().getOrDefault(p, 0) > 0)) {
                holders.add(new ExceptionRules.Holder(other.id(), option.eta()));
                source.append(" ").append(other.id()).append(" on site ").append(option.eta());
            }
        }
        Decision decision = ExceptionRules.missingPart(parts, deadline, pickups, holders,
                now.plus(settings.restockLeadTime()));
        String actor = "rule:missing-part";
        switch (decision.outcome()) {
            case PICKUP -> {
                DispatchPack pack = withPickup(stored.pack(), parts, decision, stored.assignment().assignedAt());
                tx.executeWithoutResult(status -> {
                    jobs.updatePack(jobId, pack);
                    store.setEta(jobId, decision.newEta());
                    plans.reportEta(jobId, decision.newEta());
                    plans.refresh(current.id());
                    store.openException(jobId, decision, source.toString(), actor, true);
                    audit.record(jobId, actor, AuditAction.PART_PICKUP, decision.reason());
                    drafts.draft(jobId, customerName(stored), Reason.PART_PICKUP, decision.newEta(), now);
                    kpis.record(new KpiSink.KpiFact(jobId, "exception-resolved", now, Map.of("actor", actor,
                            "family", decision.family().name(), "minutes", 0.0)));
                });
                deliver(pack, jobId);
            }
            case REASSIGN -> {
                if (stored.assignment() != null && stored.assignment().mode() == AssignmentMode.IMPORTED) {
                    // The office's work is reassigned by a person only: the rule's choice goes to a dispatcher.
                    audit.record(jobId, actor, AuditAction.REASSIGNMENT_SUGGESTED,
                            decision.reason() + "; the office assigned"
                            + " this job, so a dispatcher decides");
                    escalations.send(jobId, "missing-part", "Job " + jobId + ": " + decision.reason()
                            + "; not reassigned to " + decision.technicianId() + " (the office assigned it).");
                    return;
                }
                reassignment.reassign(jobId, decision.technicianId(), decision.reason(), actor, decision.newEta());
                tx.executeWithoutResult(status -> {
                    store.openException(jobId, decision, source.toString(), actor, true);
                    drafts.draft(jobId, customerName(stored), Reason.REASSIGNED, decision.newEta(), now);
                    kpis.record(new KpiSink.KpiFact(jobId, "exception-resolved", now, Map.of("actor", actor,
                            "family", decision.family().name(), "minutes", 0.0)));
                });
            }
            default -> {
                Boolean paused = tx.execute(status -> {
                    if (!store.move(jobId, stored.status(), JobStatus.PAUSED, null, null, null)) {
                        return false;
                    }
                    store.setEta(jobId, decision.newEta());
                    plans.reportEta(jobId, decision.newEta());
                    plans.refresh(current.id());
                    store.openException(jobId, decision, source.toString(), actor, false);
                    audit.record(jobId, actor, AuditAction.PAUSED, decision.reason());
                    drafts.draft(jobId, customerName(stored), Reason.PAUSED, decision.newEta(), now);
                    kpis.record(new KpiSink.KpiFact(jobId, "exception-opened", now, Map.of("actor", actor,
                            "family", decision.family().name())));
                    return true;
                });
                if (Boolean.TRUE.equals(paused)) {
                    escalations.send(jobId, "job-paused", decision.reason());
                }
            }
        }
    }

    private DispatchPack withPickup(DispatchPack pack, List<String> parts, Decision decision, Instant assignedAt) {
        Depot depot = inventory.find(decision.depotId()).orElseThrow();
        List<String> rules = new ArrayList<>();
        rules.add("Pick up " + String.join(", ", parts) + " at " + depot.name() + " (" + depot.id()
                + ") on your way; you are now expected on site at " + decision.newEta() + ".");
        rules.addAll(pack.escalationRules());
        List<String> missing = new ArrayList<>(pack.partsMissingFromTruck());
        parts.stream().filter(p -> !missing.contains(p)).forEach(missing::add);
        List<String> required = new ArrayList<>(pack.requiredParts());
        parts.stream().filter(p -> !required.contains(p)).forEach(required::add);
        return links.signed(new DispatchPack(pack.jobId(), pack.technicianId(), pack.issueSummary(), pack.category(),
                pack.priority(), pack.slaDeadline(), pack.customerName(), pack.customerNotes(), pack.siteAddress(),
                pack.navigationUrl(), required, missing, rules, pack.fallbackTechnicianId(), clock.instant(), null),
                assignedAt);
    }

    private void deliver(DispatchPack pack, String jobId) {
        try {
            packDelivery.deliver(pack);
        } catch (RuntimeException e) {
            audit.record(jobId, "system:pack-delivery", AuditAction.PACK_NOT_DELIVERED, e.getMessage()
                    + "; the pack page shows the update");
        }
    }

    private double minutes(GeoPoint from, GeoPoint to, Instant departure) {
        return travel.travelTimes(List.of(from), to, departure).get(0).minutes();
    }

    private String customerName(JobStore.StoredJob stored) {
        return customers.find(stored.job().customerId()).map(c -> c.name()).orElse(null);
    }

    private static double minutes(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 60_000.0;
    }

    private static String describe(FieldEvent event) {
        return event.type() + " at " + event.at() + (event.technicianId() == null ? "" : " by " + event.technicianId())
                + (event.newEta() == null ? "" : ", new ETA " + event.newEta())
                + (event.firstTimeFix() == null ? "" : ", first-time fix " + event.firstTimeFix())
                + (event.parts().isEmpty() ? "" : ", parts " + event.parts())
                + (event.reason() == null ? "" : ", reason: " + event.reason());
    }

    /** Who could take the job now, best first (a fresh ranking). */
    private List<RankedOption> options(JobStore.StoredJob stored) {
        return ranking.options(stored, customers.find(stored.job().customerId()).orElseThrow());
    }
}
