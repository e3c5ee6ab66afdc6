package io.dispatchgateway.core.model;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A customer of the field-service company, with the contract that governs its jobs; {@code territory} is the
 * service zone of its site, when zones are used.
 */
public record Customer(
        @NotBlank @Size(max = 64) String id,
        @NotBlank @Size(max = 200) String name,
        @NotNull CustomerTier tier,
        @Valid Location site,
        @Size(max = 64) String territory,
        @Valid Entitlement entitlement,
        @Size(max = 2000) String notes) {

    public Customer {
        entitlement = entitlement == null ? Entitlement.none() : entitlement;
    }

    public Customer withId(String newId) {
        return new Customer(newId, name, tier, site, territory, entitlement, notes);
    }
}
