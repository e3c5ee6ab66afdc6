package io.dispatchgateway.core.model;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/**
 * A field technician: skills with levels (1 = trainee .. 5 = expert), certifications, shift, home base,
 * territory, the parts on the truck (part number to quantity) and contact details. {@code active} defaults
 * to true when not given. {@code alsoServes} are the other territories the technician works in (ServiceTitan's
 * zones beyond the main one). {@code tenants} are the tenants (an MSP's clients) the technician works for; none
 * means every tenant (a shared technician). A technician is never offered for another tenant's job.
 */
public record Technician(
        @NotBlank @Size(max = 64) String id,
        @NotBlank @Size(max = 200) String name,
        Map<@NotBlank @Size(max = 64) String, @NotNull @Min(1) @Max(5) Integer> skills,
        List<@Valid Certification> certifications,
        @Valid Shift shift,
        @NotNull @Valid GeoPoint homeBase,
        @Size(max = 64) String territory,
        Map<@NotBlank @Size(max = 64) String, @NotNull @PositiveOrZero Integer> truckStock,
        @Valid Contact contact,
        Boolean active,
        @Valid GeoPoint lastKnownLocation,
        @Size(max = 50) List<@Size(max = 64) String> alsoServes,
        @Size(max = 50) List<@NotBlank @Size(max = 40) @jakarta.validation.constraints.Pattern(
                regexp = "[a-z0-9][a-z0-9-]*", message = "must be lower-case letters, digits and dashes") String>
                tenants) {

    public Technician {
        alsoServes = alsoServes == null ? List.of() : List.copyOf(alsoServes);
        tenants = tenants == null ? List.of() : List.copyOf(tenants);
        skills = skills == null ? Map.of() : Map.copyOf(skills);
        certifications = certifications == null ? List.of() : List.copyOf(certifications);
        truckStock = truckStock == null ? Map.of() : Map.copyOf(truckStock);
        active = active == null || active;
    }

    /** A technician of one territory. */
    public Technician(String id, String name, Map<String, Integer> skills, List<Certification> certifications,
            Shift shift, GeoPoint homeBase, String territory, Map<String, Integer> truckStock, Contact contact,
            Boolean active, GeoPoint lastKnownLocation) {
        this(id, name, skills, certifications, shift, homeBase, territory, truckStock, contact, active,
                lastKnownLocation, null, null);
    }

    /** A technician of every tenant. */
    public Technician(String id, String name, Map<String, Integer> skills, List<Certification> certifications,
            Shift shift, GeoPoint homeBase, String territory, Map<String, Integer> truckStock, Contact contact,
            Boolean active, GeoPoint lastKnownLocation, List<String> alsoServes) {
        this(id, name, skills, certifications, shift, homeBase, territory, truckStock, contact, active,
                lastKnownLocation, alsoServes, null);
    }

    /** Whether the technician may work on {@code tenant}'s jobs. */
    public boolean worksFor(String tenant) {
        return tenants.isEmpty() || tenants.contains(tenant);
    }

    /** Whether the technician works in {@code zone}: their territory or one they also serve. */
    public boolean serves(String zone) {
        return zone.equalsIgnoreCase(territory) || alsoServes.stream().anyMatch(zone::equalsIgnoreCase);
    }

    /** Whether the truck carries at least {@code quantity} of {@code part}. */
    public boolean carries(String part, int quantity) {
        return truckStock.getOrDefault(part, 0) >= quantity;
    }

    /** Whether the truck carries {@code part}. */
    public boolean carries(String part) {
        return carries(part, 1);
    }

    public int skillLevel(String skill) {
        return skills.getOrDefault(skill, 0);
    }

    /** Where the technician is now as far as the gateway knows: the last reported fix, else the home base. */
    public GeoPoint currentPosition() {
        return lastKnownLocation != null ? lastKnownLocation : homeBase;
    }

    public Technician withId(String newId) {
        return new Technician(newId, name, skills, certifications, shift, homeBase, territory, truckStock,
                contact, active, lastKnownLocation, alsoServes, tenants);
    }

    public Technician withTenants(List<String> newTenants) {
        return new Technician(id, name, skills, certifications, shift, homeBase, territory, truckStock,
                contact, active, lastKnownLocation, alsoServes, newTenants);
    }

    public Technician withShift(Shift newShift) {
        return new Technician(id, name, skills, certifications, newShift, homeBase, territory, truckStock,
                contact, active, lastKnownLocation, alsoServes, tenants);
    }

    public Technician withLocation(GeoPoint location) {
        return new Technician(id, name, skills, certifications, shift, homeBase, territory, truckStock,
                contact, active, location, alsoServes, tenants);
    }
}
