package io.dispatchgateway.adapters.servicetitan;

import io.dispatchgateway.adapters.servicetitan.dto.AssignTechniciansRequest;
import io.dispatchgateway.adapters.servicetitan.dto.JobNoteCreateRequest;
import io.dispatchgateway.adapters.servicetitan.dto.StAppointment;
import io.dispatchgateway.core.model.Assignment;
import io.dispatchgateway.core.model.DispatchPack;
import io.dispatchgateway.core.model.Job;
import io.dispatchgateway.core.port.AssignmentSink;
import io.dispatchgateway.core.port.WriteBackRejectedException;
import java.util.List;
import java.util.Map;

/**
 * Writes an assignment of a ServiceTitan job back: the technician is assigned to the job's first active
 * appointment ({@code dispatch/v2 appointment-assignments/assign-technicians}), after unassigning the technician
 * a reassignment replaced ({@code unassign-technicians}), and a job note carries the pack summary and its link
 * ({@code jpm/v2 jobs/{id}/notes}). Jobs from other sources are left alone. A refusal
 * by ServiceTitan becomes a {@link WriteBackRejectedException} with its message and trace id; an outage
 * propagates so the gateway retries.
 */
public class ServiceTitanAssignmentSink implements AssignmentSink {

    private final ServiceTitanClient client;
    private final ServiceTitanProperties properties;

    public ServiceTitanAssignmentSink(ServiceTitanClient client, ServiceTitanProperties properties) {
        this.client = client;
        this.properties = properties;
    }

    @Override
    public void assigned(Job job, Assignment assignment, DispatchPack pack) {
        if (!ServiceTitanMapper.SOURCE.equals(job.source())) {
            return;
        }
        long technicianId = serviceTitanId(assignment.technicianId(), "technician");
        try {
            List<StAppointment> appointments = client.getAll("jpm", "/appointments",
                    Map.of("jobId", job.externalId(), "active", "True"), StAppointment.class);
            if (appointments.isEmpty()) {
                throw new WriteBackRejectedException("ServiceTitan job " + job.externalId()
                        + " has no active appointment to assign " + assignment.technicianId() + " to");
            }
            long appointment = appointments.get(0).id();
            if (assignment.replacedTechnicianId() != null) {
                client.post("dispatch", "/appointment-assignments/unassign-technicians", new AssignTechniciansRequest(
                        appointment, List.of(serviceTitanId(assignment.replacedTechnicianId(), "technician"))));
            }
            client.post("dispatch", "/appointment-assignments/assign-technicians",
                    new AssignTechniciansRequest(appointment, List.of(technicianId)));
            client.post("jpm", "/jobs/" + serviceTitanId(job.externalId(), "job") + "/notes",
                    new JobNoteCreateRequest(note(job, assignment, pack), false));
        } catch (ServiceTitanApiException e) {
            throw new WriteBackRejectedException(e.getMessage(), e);
        }
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
                + ". Dispatch pack: " + (pack.url() != null ? pack.url()
                        : properties.gatewayUrl().toString().replaceAll("/+$", "") + "/api/v1/jobs/" + job.id());
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
