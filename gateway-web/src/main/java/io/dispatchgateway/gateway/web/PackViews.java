package io.dispatchgateway.gateway.web;

import io.dispatchgateway.core.model.Depot;
import io.dispatchgateway.core.model.DispatchPack;
import io.dispatchgateway.core.model.GeoPoint;
import io.dispatchgateway.core.model.Technician;
import io.dispatchgateway.core.model.TenantScope;
import io.dispatchgateway.core.plan.LegTimes;
import io.dispatchgateway.core.plan.PartPickups;
import io.dispatchgateway.core.plan.PlannedVisit;
import io.dispatchgateway.core.plan.Visit;
import io.dispatchgateway.core.port.InventoryLookup;
import io.dispatchgateway.core.port.TechnicianDirectory;
import io.dispatchgateway.gateway.dispatch.PlanBook;
import io.dispatchgateway.gateway.persistence.JobStore;
import io.dispatchgateway.gateway.persistence.LiveOpsStore;
import io.dispatchgateway.gateway.settings.GatewayProperties;
import io.dispatchgateway.gateway.tenancy.TenantAccess;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * What the pack page and its JSON show beside the pack itself: the current arrival commitment, where to pick up
 * each part that is not on the truck (the nearest depot that has it, from where the technician is now), whom to
 * call, and the technician's next jobs after this one as their plan stands now.
 */
@Component
public class PackViews {

    /** The pack with what a technician may need beside it. */
    public record PackView(DispatchPack pack, Instant expectedOnSite, List<PartPickup> pickups,
            Contact fallbackTechnician, String dispatchContact, List<NextJob> nextJobs) {}

    /** A job that follows in the technician's plan: what, where, and when they are expected there. */
    public record NextJob(String jobId, String summary, String address, Instant arrival, String priority) {}

    /** How many of the following jobs the pack lists. */
    private static final int NEXT_JOBS = 3;

    /** Where to fetch a part: the nearest depot with stock, or none. */
    public record PartPickup(String part, String depotId, String depotName, Double distanceKm, String navigationUrl) {}

    /** Someone to call. */
    public record Contact(String id, String name, String phone) {}

    private final JobStore jobs;
    private final TechnicianDirectory technicians;
    private final InventoryLookup inventory;
    private final LiveOpsStore live;
    private final PlanBook plans;
    private final Clock clock;
    private final String dispatchContact;

    public PackViews(JobStore jobs, TechnicianDirectory technicians, InventoryLookup inventory, LiveOpsStore live,
            PlanBook plans, Clock clock, GatewayProperties properties) {
        this.clock = clock;
        this.jobs = jobs;
        this.technicians = technicians;
        this.inventory = inventory;
        this.live = live;
        this.plans = plans;
        this.dispatchContact = properties.operations().dispatchContact();
    }

    /** The job's pack and what goes with it. @throws NoSuchElementException for a job without a pack */
    public PackView of(String jobId) {
        return view(pack(jobId));
    }

    private PackView view(DispatchPack pack) {
        // The job's place in its technician's plan, laid out once for the pickups and the next jobs.
        Optional<PlanBook.Placed> placed = plans.placed(pack.jobId())
                .filter(p -> p.technicianId().equals(pack.technicianId()));
        List<PartPickup> pickups = pickups(pack, placed);
        return new PackView(pack, live.live(pack.jobId()).map(LiveOpsStore.Live::eta).orElse(null), pickups,
                contact(pack.fallbackTechnicianId()), dispatchContact, nextJobs(placed));
    }

    /**
     * Where to fetch each part that is not on the truck: the depot the technician's plan calls at for it, and for a
     * part the plan does not know (reported missing on site) the depot {@link PartPickups} chooses from where the
     * technician is now, the rule the plan and the pack use.
     */
    private List<PartPickup> pickups(DispatchPack pack, Optional<PlanBook.Placed> placed) {
        Technician holder = technicians.find(pack.technicianId()).orElse(null);
        JobStore.StoredJob stored = jobs.find(pack.jobId()).orElse(null);
        GeoPoint site = stored == null ? null : stored.job().location().point();
        GeoPoint from = holder != null ? holder.currentPosition() : site;
        Map<String, String> depotOf = new HashMap<>();
        placed.ifPresent(place -> place.visit().pickups().stream().filter(p -> p.depotId() != null)
                .forEach(p -> depotOf.put(p.part(), p.depotId())));
        Map<String, Integer> unplanned = new LinkedHashMap<>();
        pack.partsMissingFromTruck().stream().filter(part -> !depotOf.containsKey(part))
                .forEach(part -> unplanned.put(part, 1));
        if (!unplanned.isEmpty() && from != null && site != null) {
            String tenant = stored.job().tenant();
            List<Depot> usable = inventory.depots().stream()
                    .filter(d -> d.serves(tenant) && (holder == null || d.usableBy(holder))).toList();
            PartPickups.drive(from, site, clock.instant(), unplanned, usable, LegTimes.straightLine(1.3, 40),
                    Duration.ZERO).pickups().stream().filter(p -> p.depotId() != null)
                    .forEach(p -> depotOf.put(p.part(), p.depotId()));
        }
        List<PartPickup> pickups = new ArrayList<>();
        for (String part : pack.partsMissingFromTruck()) {
            Depot depot = depotOf.containsKey(part) ? inventory.find(depotOf.get(part)).orElse(null) : null;
            pickups.add(depot == null ? new PartPickup(part, null, null, null, null)
                    : new PartPickup(part, depot.id(), depot.name(), from == null ? null
                            : Math.round(depot.location().distanceKm(from) * 10) / 10.0,
                            String.format(Locale.ROOT, "https://www.google.com/maps/dir/?api=1&destination=%.6f,%.6f",
                                    depot.location().lat(), depot.location().lon())));
        }
        return pickups;
    }

    /** The committed jobs after this one in the technician's plan (proposals still waiting for approval are not). */
    private List<NextJob> nextJobs(Optional<PlanBook.Placed> place) {
        List<NextJob> next = new ArrayList<>();
        var authentication = org.springframework.security.core.context.SecurityContextHolder.getContext()
                .getAuthentication();
        boolean technicianLink = authentication != null && authentication.getName().startsWith("technician:");
        TenantScope scope = TenantAccess.scopeOf(authentication);
        place.ifPresent(placed -> {
            List<PlannedVisit> visits = placed.plan().visits();
            for (int i = placed.position(); i < visits.size() && next.size() < NEXT_JOBS; i++) {
                PlannedVisit visit = visits.get(i);
                if (visit.visit().state() == Visit.State.PROPOSED) {
                    continue;
                }
                // The technician sees their own day; anyone else only the jobs of the tenants they act for.
                jobs.find(visit.jobId()).filter(job -> technicianLink || scope.allows(job.job().tenant()))
                        .ifPresent(job -> next.add(new NextJob(visit.jobId(), job.job().summary(),
                        job.job().location().address(), visit.planned() ? visit.arrival() : null,
                        visit.visit().priority() == null ? null : visit.visit().priority().name())));
            }
        });
        return next;
    }


    private DispatchPack pack(String jobId) {
        JobStore.StoredJob stored = jobs.find(jobId)
                .orElseThrow(() -> new NoSuchElementException("no job with id '" + jobId + "'"));
        if (stored.pack() == null) {
            throw new NoSuchElementException("job " + jobId + " has no dispatch pack (it is " + stored.status() + ")");
        }
        return stored.pack();
    }

    private Contact contact(String technicianId) {
        if (technicianId == null) {
            return null;
        }
        Technician technician = technicians.find(technicianId).orElse(null);
        return technician == null ? new Contact(technicianId, technicianId, null) : new Contact(technician.id(),
                technician.name(), technician.contact() == null ? null : technician.contact().phone());
    }
}
