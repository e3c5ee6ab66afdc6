package io.dispatchgateway.adapters.servicetitan;

import io.dispatchgateway.adapters.servicetitan.dto.AssignTechniciansRequest;
import io.dispatchgateway.adapters.servicetitan.dto.JobNoteCreateRequest;
import io.dispatchgateway.adapters.servicetitan.dto.StAppointment;
import io.dispatchgateway.adapters.servicetitan.dto.StAppointmentAssignment;
import io.dispatchgateway.adapters.servicetitan.dto.StNote;
import io.dispatchgateway.core.model.Assignment;
import io.dispatchgateway.core.model.AssignmentMode;
import io.dispatchgateway.core.model.DispatchPack;
import io.dispatchgateway.core.model.Job;
import io.dispatchgateway.core.port.AssignmentSink;
import io.dispatchgateway.core.port.WriteBackRejectedException;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes an assignment of a ServiceTitan job back, idempotently: the technician is assigned to the job's next open
 * appointment ({@code dispatch/v2 appointment-assignments/assign-technicians}) unless ServiceTitan already has
 * them there, after unassigning ({@code unassign-technicians}) the technician a reassignment replaced and the one
 * the office had assigned, if they are still there, and a job note carries the pack summary, its link and the write-back's key
 * ({@code jpm/v2 jobs/{id}/notes}), unless a note with that key is there already. Jobs from other sources are left alone. A refusal
 * by ServiceTitan becomes a {@link WriteBackRejectedException} with its message and trace id; an outage
 * propagates so the gateway retries.
 */
public class ServiceTitanAssignmentSink implements AssignmentSink {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceTitanAssignmentSink.class);

    private final ServiceTitanClient client;
    private final ServiceTitanProperties properties;

    public ServiceTitanAssignmentSink(ServiceTitanClient client, ServiceTitanProperties properties) {
        this.client = client;
        this.properties = properties;
    }

    @Override
    public void assigned(Job job, Assignment assignment, DispatchPack pack) {
        if (!ServiceTitanMapper.SOURCE.equals(job.source()) || assignment.mode() == AssignmentMode.IMPORTED) {
            return; // another system's job, or the office's own assignment, which ServiceTitan has
        }
        long technicianId = serviceTitanId(assignment.technicianId(), "technician");
        long jobId = serviceTitanId(job.externalId(), "job");
        try {
            List<StAppointment> appointments = client.getAll("jpm", "/appointments",
                    Map.of("jobId", job.externalId(), "active", "True"), StAppointment.class);
            // The job's next visit: the earliest appointment still to be made (one without a start last); a Done or
            // Canceled visit is never the one assigned.
            StAppointment target = appointments.stream().filter(StAppointment::open).filter(a -> a.start() != null)
                    .min(Comparator.comparing(StAppointment::start))
                    .or(() -> appointments.stream().filter(StAppointment::open).findFirst())
                    .orElseThrow(() -> new WriteBackRejectedException("ServiceTitan job " + job.externalId()
                            + " has no active appointment to assign " + assignment.technicianId() + " to"));
            long appointment = target.id();
            // Each write is checked against what ServiceTitan has first, so a write-back sent again (after a
            // timeout, a crash, a failed note) changes nothing that already landed.
            Set<Long> assigned = onVisit(appointment);
            List<String> notes = client.getAll("jpm", "/jobs/" + jobId + "/notes", Map.of(), StNote.class).stream()
                    .map(StNote::text).filter(text -> text != null).toList();
            // The assignment replaces, not adds: off go the technician a reassignment replaced, the one the office
            // had put there when a dispatcher gave the job to someone else, and any the gateway itself assigned
            // before (its notes' keys name them: a job bumped and assigned again has no replaced technician).
            List<String> earlier = earlierTechnicians(job, notes);
            List<String> before = new java.util.ArrayList<>(java.util.Arrays.asList(assignment.replacedTechnicianId(),
                    job.committedTechnicianId()));
            before.addAll(earlier);
            List<Long> replaced = before.stream().filter(id -> id != null).map(ServiceTitanAssignmentSink::idOrNull)
                    .filter(id -> id != null && id != technicianId && assigned.contains(id)).distinct().toList();
            Set<Long> office = new HashSet<>(assigned);
            office.remove(technicianId);
            replaced.forEach(office::remove);
            if (!office.isEmpty() && earlier.isEmpty() && assignment.replacedTechnicianId() == null) {
                // The office staffed the visit after the gateway took the job and before its first write-back.
                throw new WriteBackRejectedException("ServiceTitan job " + job.externalId() + ": the office put "
                        + office + " on visit " + appointment + " before the gateway's assignment of "
                        + assignment.technicianId() + " was written; it would add a technician, not replace one, so"
                        + " a dispatcher decides");
            }
            // Assign first, then unassign, so a refused assign never leaves the visit with nobody.
            if (!assigned.contains(technicianId)) {
                postUnlessDone("/appointment-assignments/assign-technicians",
                        new AssignTechniciansRequest(appointment, List.of(technicianId)),
                        () -> onVisit(appointment).contains(technicianId));
            }
            if (!replaced.isEmpty()) {
                postUnlessDone("/appointment-assignments/unassign-technicians",
                        new AssignTechniciansRequest(appointment, replaced),
                        () -> java.util.Collections.disjoint(onVisit(appointment), replaced));
            }
            String key = key(job, assignment);
            boolean noted = notes.stream().anyMatch(text -> text.contains(key));
            if (!noted) {
                client.post("jpm", "/jobs/" + jobId + "/notes",
                        new JobNoteCreateRequest(note(job, assignment, pack) + " " + key, false));
            }
        } catch (ServiceTitanApiException e) {
            throw new WriteBackRejectedException(e.getMessage(), e);
        }
    }

    /** Who ServiceTitan has on the visit now. */
    private Set<Long> onVisit(long appointment) {
        Set<Long> on = new HashSet<>();
        client.getAll("dispatch", "/appointment-assignments", Map.of("appointmentIds", String.valueOf(appointment),
                "active", "True"), StAppointmentAssignment.class).stream().filter(StAppointmentAssignment::active)
                .forEach(a -> on.add(a.technicianId()));
        return on;
    }

    /**
     * Posts a dispatch write. A 409 (ServiceTitan documents it as "some conflict") counts as done only when a
     * read shows the write's effect is there (the technician already on, or already off, the visit); otherwise it
     * is a refusal.
     */
    private void postUnlessDone(String path, AssignTechniciansRequest request,
            java.util.function.BooleanSupplier landed) {
        try {
            client.post("dispatch", path, request);
        } catch (ServiceTitanApiException e) {
            if (e.status() != 409 || !landed.getAsBoolean()) {
                throw e;
            }
            LOG.debug("ServiceTitan answered 409 to {} for appointment {}: already done", path,
                    request.jobAppointmentId());
        }
    }

    /** The technicians earlier write-backs of this job assigned, as their notes' keys name them. */
    static List<String> earlierTechnicians(Job job, List<String> notes) {
        java.util.regex.Pattern key = java.util.regex.Pattern.compile("\\[dispatch-gateway "
                + java.util.regex.Pattern.quote(job.id()) + " (\\S+) \\d+]");
        return notes.stream().flatMap(text -> key.matcher(text).results().map(m -> m.group(1))).distinct().toList();
    }

    /** The write-back's stable key, written into its note: the same assignment always has the same key. */
    static String key(Job job, Assignment assignment) {
        return "[dispatch-gateway " + job.id() + " " + assignment.technicianId() + " "
                + assignment.assignedAt().getEpochSecond() + "]";
    }

    private String note(Job job, Assignment assignment, DispatchPack pack) {
        return "Dispatch Gateway assigned technician " + assignment.technicianId()
                + (assignment.replacedTechnicianId() == null ? "" : " in place of " + assignment.replacedTechnicianId())
                + " (" + assignment.mode()
                + " by " + assignment.assignedBy() + ")"
                + (assignment.fallbackTechnicianId() == null ? "" : "; fallback " + assignment.fallbackTechnicianId())
                + ". " + pack.issueSummary() + "; " + pack.category() + ", " + pack.priority() + ", SLA deadline "
                + pack.slaDeadline()
                + (pack.partsMissingFromTruck().isEmpty() ? "" : "; parts to pick up: " + pack.partsMissingFromTruck())
                + ". Dispatch pack: " + (properties.includePackLink() && pack.url() != null ? pack.url()
                        : properties.gatewayUrl().toString().replaceAll("/+$", "") + "/api/v1/jobs/" + job.id());
    }

    private static Long idOrNull(String id) {
        try {
            return Long.valueOf(id);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static long serviceTitanId(String id, String what) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new WriteBackRejectedException(what + " " + id + " has no ServiceTitan id (ServiceTitan ids are"
                    + " numbers)");
        }
    }
}
