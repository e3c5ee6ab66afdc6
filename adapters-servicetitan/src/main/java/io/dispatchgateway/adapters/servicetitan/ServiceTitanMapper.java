package io.dispatchgateway.adapters.servicetitan;

import io.dispatchgateway.adapters.servicetitan.dto.StAddress;
import io.dispatchgateway.adapters.servicetitan.dto.StAppointment;
import io.dispatchgateway.adapters.servicetitan.dto.StCustomer;
import io.dispatchgateway.adapters.servicetitan.dto.StJob;
import io.dispatchgateway.adapters.servicetitan.dto.StJobType;
import io.dispatchgateway.adapters.servicetitan.dto.StLocation;
import io.dispatchgateway.core.intake.JobIntake;
import io.dispatchgateway.core.model.Customer;
import io.dispatchgateway.core.model.CustomerTier;
import io.dispatchgateway.core.model.Location;
import io.dispatchgateway.core.model.Priority;
import io.dispatchgateway.mappings.GatewayMapperConfig;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mapstruct.Context;
import org.mapstruct.Mapper;
import org.mapstruct.Mapping;
import org.mapstruct.Named;

/** ServiceTitan payloads to the gateway's intake contract and canonical records. */
@Mapper(config = GatewayMapperConfig.class)
public interface ServiceTitanMapper {

    /** The source name jobs from ServiceTitan carry. */
    String SOURCE = "servicetitan";

    @Mapping(target = "externalId", source = "job.id")
    @Mapping(target = "tenant", source = "tenant")
    @Mapping(target = "withTenant", ignore = true) // copy methods, not properties
    @Mapping(target = "source", constant = SOURCE)
    @Mapping(target = "customerId", source = "job.customerId")
    @Mapping(target = "summary", source = "job", qualifiedByName = "summary")
    @Mapping(target = "description", expression = "java(description(job, labels))")
    @Mapping(target = "location", source = "location", qualifiedByName = "site")
    @Mapping(target = "territory", source = "location.zoneId", qualifiedByName = "zone")
    @Mapping(target = "requiredParts", ignore = true)
    @Mapping(target = "safetyImpact", ignore = true)
    @Mapping(target = "arrivalWindow", source = "appointment", qualifiedByName = "window")
    @Mapping(target = "notBefore", ignore = true)
    @Mapping(target = "partQuantities", ignore = true)
    @Mapping(target = "assignedTechnicianId", source = "officeTechnicianId")
    @Mapping(target = "jobType", source = "jobType", qualifiedByName = "jobType")
    @Mapping(target = "reportedPriority", source = "job.priority", qualifiedByName = "priority")
    JobIntake toIntake(StJob job, StLocation location, StAppointment appointment, String officeTechnicianId,
            StJobType jobType, String labels, String tenant, @Context Map<Long, String> zoneNames);

    /**
     * ServiceTitan's summary, then the job's business unit and tags ("Business unit: HVAC Service. Tags: VIP,
     * No heat."), so the classification rules and the technician see them too.
     */
    default String description(StJob job, String labels) {
        String summary = job.summary() == null ? "" : job.summary().strip();
        String text = labels == null || labels.isBlank() ? summary : summary.isEmpty() ? labels
                : summary + "\n" + labels;
        return text.isEmpty() ? null : text.length() > 5000 ? text.substring(0, 5000) : text;
    }

    /**
     * The job type: its skills as the technicians' skill ids (the same names, lower case with dashes), its usual
     * length (ServiceTitan gives seconds) and priority.
     */
    @Named("jobType")
    default JobIntake.Type jobType(StJobType type) {
        if (type == null || type.name() == null || type.name().isBlank()) {
            return null;
        }
        List<String> skills = type.skills() == null ? List.of() : type.skills().stream()
                .filter(skill -> skill != null && !skill.isBlank()).map(ServiceTitanTechnicians::skillId)
                .distinct().limit(10).toList();
        // A length outside a minute to a week is not one to plan by: the rules' estimate stands.
        Duration duration = type.duration() == null || type.duration() < 60 || type.duration() > 7 * 86_400 ? null
                : Duration.ofSeconds(type.duration());
        String name = type.name().strip();
        return new JobIntake.Type(name.length() > 100 ? name.substring(0, 100) : name, skills, duration,
                priority(type.priority()));
    }

    /**
     * The window promised to the customer: the appointment's arrival window when one is configured, else the
     * appointment's start and end; none without an open appointment.
     */
    @Named("window")
    default JobIntake.Window window(StAppointment appointment) {
        if (appointment == null) {
            return null;
        }
        if (appointment.arrivalWindowStart() != null && appointment.arrivalWindowEnd() != null) {
            return new JobIntake.Window(appointment.arrivalWindowStart().toInstant(),
                    appointment.arrivalWindowEnd().toInstant());
        }
        if (appointment.start() != null && appointment.end() != null) {
            return new JobIntake.Window(appointment.start().toInstant(), appointment.end().toInstant());
        }
        return null;
    }

    @Mapping(target = "id", source = "customer.id")
    @Mapping(target = "name", source = "customer.name")
    @Mapping(target = "tier", source = "tier")
    @Mapping(target = "site", source = "customer.address", qualifiedByName = "address")
    @Mapping(target = "territory", ignore = true)
    @Mapping(target = "entitlement", ignore = true)
    @Mapping(target = "notes", ignore = true)
    @Mapping(target = "tenant", source = "tenant")
    @Mapping(target = "contactEmails", ignore = true) // ServiceTitan keeps them under /customers/{id}/contacts
    @Mapping(target = "withId", ignore = true) // Customer.withId and withTenant are copy methods, not properties
    @Mapping(target = "withTenant", ignore = true)
    Customer toCustomer(StCustomer customer, CustomerTier tier, String tenant);

    /** ServiceTitan's summary is optional; the job number names the job when it is missing. */
    @Named("summary")
    default String summary(StJob job) {
        if (job.summary() != null && !job.summary().isBlank()) {
            String firstLine = job.summary().strip().lines().findFirst().orElse("");
            return firstLine.length() > 500 ? firstLine.substring(0, 500) : firstLine;
        }
        return "ServiceTitan job " + job.jobNumber();
    }

    /** A zone by its name when ServiceTitan's zone list has it, else by its id. */
    @Named("zone")
    default String zone(Long zoneId, @Context Map<Long, String> zoneNames) {
        return zoneId == null ? null : zoneNames.getOrDefault(zoneId, String.valueOf(zoneId));
    }

    @Named("site")
    default Location site(StLocation location) {
        return location == null ? null : address(location.address());
    }

    @Named("address")
    default Location address(StAddress address) {
        if (address == null || address.latitude() == null || address.longitude() == null) {
            return null;
        }
        return new Location(address.oneLine(), address.latitude(), address.longitude());
    }

    /** ServiceTitan priorities: Urgent, High, Normal, Low. Anything else leaves the priority to the rules. */
    @Named("priority")
    default Priority priority(String priority) {
        if (priority == null) {
            return null;
        }
        return switch (priority.toLowerCase(Locale.ROOT)) {
            case "urgent", "emergency" -> Priority.CRITICAL;
            case "high" -> Priority.HIGH;
            case "normal" -> Priority.NORMAL;
            case "low" -> Priority.LOW;
            default -> null;
        };
    }
}
