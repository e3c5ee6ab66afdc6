package io.dispatchgateway.core.model;

import java.time.Instant;
import java.util.List;

/**
 * Everything the assigned technician needs on the phone to do the job right the first time.
 *
 * @param url the signed, expiring link to the pack's mobile page; null until the gateway signed it
 * @param incidentSummary a language model's short summary of the incident for the technician, beside the
 *        customer's own words (never instead of them); null without a model
 * @param incidentSummaryBy the model that wrote {@code incidentSummary}
 */
public record DispatchPack(
        String jobId,
        String technicianId,
        String issueSummary,
        String category,
        Priority priority,
        Instant slaDeadline,
        String customerName,
        String customerNotes,
        String siteAddress,
        String navigationUrl,
        List<String> requiredParts,
        List<String> partsMissingFromTruck,
        List<String> escalationRules,
        String fallbackTechnicianId,
        Instant createdAt,
        String url,
        String incidentSummary,
        String incidentSummaryBy) {

    public DispatchPack {
        requiredParts = List.copyOf(requiredParts);
        partsMissingFromTruck = List.copyOf(partsMissingFromTruck);
        escalationRules = List.copyOf(escalationRules);
    }

    /** A pack without a model's incident summary. */
    public DispatchPack(String jobId, String technicianId, String issueSummary, String category, Priority priority,
            Instant slaDeadline, String customerName, String customerNotes, String siteAddress, String navigationUrl,
            List<String> requiredParts, List<String> partsMissingFromTruck, List<String> escalationRules,
            String fallbackTechnicianId, Instant createdAt, String url) {
        this(jobId, technicianId, issueSummary, category, priority, slaDeadline, customerName, customerNotes,
                siteAddress, navigationUrl, requiredParts, partsMissingFromTruck, escalationRules,
                fallbackTechnicianId, createdAt, url, null, null);
    }

    /** The same pack with the signed link to its mobile page. */
    public DispatchPack withUrl(String link) {
        return new DispatchPack(jobId, technicianId, issueSummary, category, priority, slaDeadline, customerName,
                customerNotes, siteAddress, navigationUrl, requiredParts, partsMissingFromTruck, escalationRules,
                fallbackTechnicianId, createdAt, link, incidentSummary, incidentSummaryBy);
    }

    /** The same pack with a model's incident summary. */
    public DispatchPack withIncidentSummary(String summary, String model) {
        return new DispatchPack(jobId, technicianId, issueSummary, category, priority, slaDeadline, customerName,
                customerNotes, siteAddress, navigationUrl, requiredParts, partsMissingFromTruck, escalationRules,
                fallbackTechnicianId, createdAt, url, summary, model);
    }
}
