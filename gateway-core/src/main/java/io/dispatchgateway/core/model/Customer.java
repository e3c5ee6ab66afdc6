package io.dispatchgateway.core.model;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A customer of the field-service company, with the contract that governs its jobs; {@code territory} is the
 * service zone of its site, when zones are used; {@code tenant} the tenant (an MSP's client) it belongs to,
 * {@code default} when not given. Only that tenant's jobs and users see it.
 */
public record Customer(
        @NotBlank @Size(max = 64) String id,
        @NotBlank @Size(max = 200) String name,
        @NotNull CustomerTier tier,
        @Valid Location site,
        @Size(max = 64) String territory,
        @Valid Entitlement entitlement,
        @Size(max = 2000) String notes,
        @Size(max = 40) @Pattern(regexp = "[a-z0-9][a-z0-9-]*",
                message = "must be lower-case letters, digits and dashes")
        String tenant) {

    public Customer {
        entitlement = entitlement == null ? Entitlement.none() : entitlement;
        tenant = tenant == null || tenant.isBlank() ? Tenants.DEFAULT : tenant;
    }

    /** A customer of the default tenant. */
    public Customer(String id, String name, CustomerTier tier, Location site, String territory,
            Entitlement entitlement, String notes) {
        this(id, name, tier, site, territory, entitlement, notes, null);
    }

    public Customer withTenant(String newTenant) {
        return new Customer(id, name, tier, site, territory, entitlement, notes, newTenant);
    }

    public Customer withId(String newId) {
        return new Customer(newId, name, tier, site, territory, entitlement, notes, tenant);
    }
}
