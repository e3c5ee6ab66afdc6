package io.dispatchgateway.gateway.simulation;

import io.dispatchgateway.core.model.Customer;
import io.dispatchgateway.core.model.GeoPoint;
import io.dispatchgateway.core.model.Technician;
import io.dispatchgateway.core.port.CustomerDirectory;
import io.dispatchgateway.core.port.InventoryLookup;
import io.dispatchgateway.core.port.TechnicianDirectory;
import io.dispatchgateway.gateway.config.RosterLoader;
import io.dispatchgateway.gateway.persistence.TechnicianFixLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The roster of a recording: the technicians as they are, each where their last fix before the period put them,
 * the recorded jobs' customers and the depots; and the fixes during the period, which the replay plays again.
 */
@Component
@Profile("!simulation")
public class RecordedRoster {

    private final TechnicianDirectory technicians;
    private final CustomerDirectory customers;
    private final InventoryLookup inventory;
    private final TechnicianFixLog fixes;

    public RecordedRoster(TechnicianDirectory technicians, CustomerDirectory customers, InventoryLookup inventory,
            TechnicianFixLog fixes) {
        this.technicians = technicians;
        this.customers = customers;
        this.inventory = inventory;
        this.fixes = fixes;
    }

    /** The roster at {@code from}, with the customers named; {@code during}: the fixes since {@code from}. */
    RosterLoader.Roster at(Instant from, List<TechnicianFixLog.Fix> during, Collection<String> customerIds) {
        Map<String, GeoPoint> lastBefore = new HashMap<>();
        fixes.lastBefore(from).forEach(fix -> lastBefore.put(fix.technicianId(), new GeoPoint(fix.lat(), fix.lon())));
        Set<String> movedSince = new HashSet<>();
        during.forEach(fix -> movedSince.add(fix.technicianId()));
        List<Technician> roster = new ArrayList<>();
        for (Technician technician : technicians.all()) {
            GeoPoint at = lastBefore.get(technician.id());
            if (at != null) {
                roster.add(technician.withLocation(at));
            } else if (movedSince.contains(technician.id())) {
                roster.add(technician.withLocation(null)); // no fix before the period: at their home base
            } else {
                roster.add(technician);
            }
        }
        Map<String, Customer> theirs = new TreeMap<>();
        customerIds.forEach(id -> customers.find(id).ifPresent(c -> theirs.put(c.id(), c)));
        return new RosterLoader.Roster(roster, List.copyOf(theirs.values()), inventory.depots());
    }

    /** The fixes in {@code [from, now)}, oldest first. */
    List<TechnicianFixLog.Fix> fixes(Instant from, Instant now) {
        return fixes.between(from, now);
    }
}
