package io.dispatchgateway.core.dispatch;

import io.dispatchgateway.core.model.Assignment;
import io.dispatchgateway.core.model.Classification;
import io.dispatchgateway.core.model.Customer;
import io.dispatchgateway.core.model.Depot;
import io.dispatchgateway.core.model.DispatchPack;
import io.dispatchgateway.core.model.Job;
import io.dispatchgateway.core.model.Technician;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Builds the dispatch pack for an assignment: the issue, the customer's notes, the parts (and which are not
 * on the truck, with the nearest depot that has them), the SLA deadline, the escalation rules and the
 * fallback technician.
 */
public final class DispatchPackComposer {

    public DispatchPack compose(Job job, Classification classification, Customer customer, Technician technician,
            Assignment assignment, List<Depot> depots, Instant now) {
        List<String> missing = job.requiredParts().stream()
                .filter(part -> technician.truckStock().getOrDefault(part, 0) <= 0)
                .toList();
        List<String> rules = new ArrayList<>();
        rules.add("Report EN_ROUTE when you leave and ARRIVED on site; the SLA deadline is "
                + classification.slaDeadline() + ".");
        rules.add("If you cannot arrive by the deadline, report DELAYED with a new ETA at once; the dispatcher"
                + (assignment.fallbackTechnicianId() == null ? " will reassign the job."
                        : " may hand the job to " + assignment.fallbackTechnicianId() + "."));
        if (classification.safetyImpact()) {
            rules.add("Safety impact: make the site safe first and call your supervisor before starting repairs.");
        }
        for (String part : missing) {
            rules.add(pickup(part, technician, depots));
        }
        String navigation = String.format(Locale.ROOT,
                "https://www.google.com/maps/dir/?api=1&destination=%.6f,%.6f",
                job.location().lat(), job.location().lon());
        return new DispatchPack(job.id(), technician.id(), job.summary(), classification.category(),
                classification.priority(), classification.slaDeadline(), customer.name(), customer.notes(),
                job.location().address(), navigation, job.requiredParts(), missing, rules,
                assignment.fallbackTechnicianId(), now, null);
    }

    private static String pickup(String part, Technician technician, List<Depot> depots) {
        return depots.stream()
                .filter(d -> d.stock().getOrDefault(part, 0) > 0)
                .min((a, b) -> Double.compare(a.location().distanceKm(technician.currentPosition()),
                        b.location().distanceKm(technician.currentPosition())))
                .map(d -> "Part " + part + " is not on your truck: pick it up at " + d.name() + " (" + d.id() + ").")
                .orElse("Part " + part + " is not on your truck and no depot has it: call the dispatcher before"
                        + " leaving.");
    }
}
