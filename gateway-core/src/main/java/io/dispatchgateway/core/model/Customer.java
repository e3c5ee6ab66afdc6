package io.dispatchgateway.core.model;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A customer of the field-service company, with the contract that governs its jobs; {@code territory} is the
 * service zone of its site, when zones are used; {@code tenant} the tenant (an MSP's client) it belongs to,
 * {@code default} when not given. Only that tenant's jobs and users see it. {@code contactEmails} are the addresses
 * the customer's people write from: an email from one of them opens a job for this customer.
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
        String tenant,
        @Size(max = 50) List<@NotBlank @Email @Size(max = 200) String> contactEmails) {

    public Customer {
        entitlement = entitlement == null ? Entitlement.none() : entitlement;
        tenant = tenant == null || tenant.isBlank() ? Tenants.DEFAULT : tenant;
        contactEmails = contactEmails == null ? List.of() : List.copyOf(contactEmails);
    }

    /** A customer without contact addresses. */
    public Customer(String id, String name, CustomerTier tier, Location site, String territory,
            Entitlement entitlement, String notes, String tenant) {
        this(id, name, tier, site, territory, entitlement, notes, tenant, List.of());
    }

    /** Whether {@code email} is one of the customer's contact addresses (case-insensitive). */
    public boolean hasContact(String email) {
        return contactEmails.stream().anyMatch(c -> c.equalsIgnoreCase(email));
    }

    /** A customer of the default tenant. */
    public Customer(String id, String name, CustomerTier tier, Location site, String territory,
            Entitlement entitlement, String notes) {
        this(id, name, tier, site, territory, entitlement, notes, null);
    }

    public Customer withTenant(String newTenant) {
        return new Customer(id, name, tier, site, territory, entitlement, notes, newTenant, contactEmails);
    }

    public Customer withId(String newId) {
        return new Customer(newId, name, tier, site, territory, entitlement, notes, tenant, contactEmails);
    }
}
