package io.dispatchgateway.core.dispatch;

import io.dispatchgateway.core.model.Assignment;
import io.dispatchgateway.core.model.Classification;
import io.dispatchgateway.core.model.Customer;
import io.dispatchgateway.core.model.Depot;
import io.dispatchgateway.core.model.DispatchPack;
import io.dispatchgateway.core.model.Job;
import io.dispatchgateway.core.model.Technician;
import io.dispatchgateway.core.plan.LegTimes;
import io.dispatchgateway.core.plan.PartPickups;
import io.dispatchgateway.core.plan.PlannedVisit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Builds the dispatch pack for an assignment: the issue, the customer's notes, the parts (and which are not
 * on the truck, with the depot {@link PartPickups} chooses for them), the SLA deadline, the escalation rules and
 * the fallback technician.
 */
public final class DispatchPackComposer {

    public DispatchPack compose(Job job, Classification classification, Customer customer, Technician technician,
            Assignment assignment, List<Depot> depots, Instant now) {
        return compose(job, classification, customer, technician, assignment, depots, now, null);
    }

    /**
     * The pack for the job as planned: the parts the plan picks up on the way (the truck's stock after the
     * technician's earlier jobs), from the depots the plan calls at.
     *
     * @param planned the job in the technician's plan, or null to compare with the truck's stock alone
     */
    public DispatchPack compose(Job job, Classification classification, Customer customer, Technician technician,
            Assignment assignment, List<Depot> allDepots, Instant now, PlannedVisit planned) {
        List<Depot> depots = allDepots.stream().filter(d -> d.usableBy(technician)).toList();
        List<PartPickups.Pickup> pickups = planned != null && planned.planned() ? planned.pickups()
                : PartPickups.drive(technician.currentPosition(), job.location().point(), now,
                        missing(job, technician), depots, LegTimes.straightLine(1.3, 40), java.time.Duration.ZERO)
                        .pickups();
        List<String> missing = pickups.stream().map(PartPickups.Pickup::part).toList();
        List<String> rules = new ArrayList<>();
        rules.add("Report EN_ROUTE when you leave and ARRIVED on site; the SLA deadline is "
                + classification.slaDeadline() + ".");
        rules.add("If you cannot arrive by the deadline, report DELAYED with a new ETA at once; the dispatcher"
                + (assignment.fallbackTechnicianId() == null ? " will reassign the job."
                        : " may hand the job to " + assignment.fallbackTechnicianId() + "."));
        if (classification.safetyImpact()) {
            rules.add("Safety impact: make the site safe first and call your supervisor before starting repairs.");
        }
        for (PartPickups.Pickup pickup : pickups) {
            rules.add(pickup(pickup, depots));
        }
        String navigation = String.format(Locale.ROOT,
                "https://www.google.com/maps/dir/?api=1&destination=%.6f,%.6f",
                job.location().lat(), job.location().lon());
        return new DispatchPack(job.id(), technician.id(), job.summary(), classification.category(),
                classification.priority(), classification.slaDeadline(), customer.name(), customer.notes(),
                job.location().address(), navigation, job.requiredParts(), missing, rules,
                assignment.fallbackTechnicianId(), now, null);
    }

    private static java.util.Map<String, Integer> missing(Job job, Technician technician) {
        java.util.Map<String, Integer> missing = new java.util.LinkedHashMap<>();
        job.partsNeeded().forEach((part, quantity) -> {
            if (!technician.carries(part, quantity)) {
                missing.put(part, quantity);
            }
        });
        return missing;
    }

    private static String pickup(PartPickups.Pickup pickup, List<Depot> depots) {
        String part = pickup.part() + (pickup.quantity() > 1 ? " (x" + pickup.quantity() + ")" : "");
        return depots.stream().filter(d -> d.id().equals(pickup.depotId())).findFirst()
                .map(d -> "Part " + part + " is not on your truck: pick it up at " + d.name() + " (" + d.id() + ").")
                .orElse("Part " + part + " is not on your truck and no depot has it: call the dispatcher before"
                        + " leaving.");
    }
}
