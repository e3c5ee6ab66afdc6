package io.dispatchgateway.core.model;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/**
 * A warehouse technicians pick parts up from; {@code stock} maps part number to quantity on hand. {@code tenants}
 * are the tenants whose jobs may use it; none means every tenant (the MSP's own warehouse).
 */
public record Depot(
        @NotBlank @Size(max = 64) String id,
        @NotBlank @Size(max = 200) String name,
        @NotNull @Valid GeoPoint location,
        Map<String, Integer> stock,
        @Size(max = 50) List<@NotBlank @Size(max = 40) @jakarta.validation.constraints.Pattern(
                regexp = "[a-z0-9][a-z0-9-]*", message = "must be lower-case letters, digits and dashes") String>
                tenants) {

    public Depot {
        stock = stock == null ? Map.of() : Map.copyOf(stock);
        tenants = tenants == null ? List.of() : List.copyOf(tenants);
    }

    /** A depot every tenant uses. */
    public Depot(String id, String name, GeoPoint location, Map<String, Integer> stock) {
        this(id, name, location, stock, null);
    }

    /** Whether the depot has at least {@code quantity} of {@code part} in stock. */
    public boolean stocks(String part, int quantity) {
        return stock.getOrDefault(part, 0) >= quantity;
    }

    /** Whether the depot has {@code part} in stock. */
    public boolean stocks(String part) {
        return stocks(part, 1);
    }

    /** Whether {@code tenant}'s jobs may take parts from here. */
    public boolean serves(String tenant) {
        return tenants.isEmpty() || tenants.contains(tenant);
    }

    /**
     * Whether {@code technician} may pick parts up here for any job of theirs: a shared depot, or one that serves
     * every tenant the technician works for (so a technician shared by several tenants uses shared depots only,
     * and no job's parts come from another tenant's depot).
     */
    public boolean usableBy(Technician technician) {
        return tenants.isEmpty() || (!technician.tenants().isEmpty() && tenants.containsAll(technician.tenants()));
    }

    public Depot withTenants(List<String> newTenants) {
        return new Depot(id, name, location, stock, newTenants);
    }

    public Depot withId(String newId) {
        return new Depot(newId, name, location, stock, tenants);
    }
}
