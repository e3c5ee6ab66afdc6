package io.dispatchgateway.gateway.flow;

import io.dispatchgateway.core.approval.GateDecision;
import io.dispatchgateway.core.port.TechnicianDirectory;
import io.dispatchgateway.gateway.persistence.JobStore.StoredJob;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Work the source system's office already staffed (the job came in committed to a technician): the gateway
 * holds it with that technician when it can, and asks a dispatcher when it cannot.
 */
@Component
public class OfficeWork {

    private final TechnicianDirectory technicians;

    public OfficeWork(TechnicianDirectory technicians) {
        this.technicians = technicians;
    }

    /**
     * Whether the job is the office's work the gateway holds as it is: the source named a technician the gateway
     * knows and the ranking's hard rules do not exclude (else a dispatcher decides).
     */
    public boolean holds(StoredJob stored) {
        String committed = stored.job().committedTechnicianId();
        return committed != null && technicians.find(committed).isPresent() && stored.recommendation() != null
                && stored.recommendation().excluded().stream().noneMatch(e -> e.technicianId().equals(committed));
    }

    /** The office chose a technician the gateway cannot hold the job with: a dispatcher decides, and why. */
    public static GateDecision refused(StoredJob stored, GateDecision evaluated) {
        String committed = stored.job().committedTechnicianId();
        List<String> reasons = new ArrayList<>(evaluated.reasons());
        reasons.add("the office assigned " + committed + " in " + stored.job().source() + ", who "
                + stored.recommendation().excluded().stream().filter(e -> e.technicianId().equals(committed))
                        .findFirst().map(e -> "breaks " + e.reasons().stream().map(r -> r.rule())
                                .collect(Collectors.joining(", ")))
                        .orElse("is not known to the gateway"));
        return new GateDecision(true, evaluated.escalation(), reasons);
    }
}
