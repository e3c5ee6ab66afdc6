package io.dispatchgateway.adapters.servicetitan.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.OffsetDateTime;

/** {@code Crm.V2.Customers.CustomerResponse}, the fields the gateway uses. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StCustomer(long id, boolean active, String name, String type, StAddress address,
        OffsetDateTime modifiedOn) {}
