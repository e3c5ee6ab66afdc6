package io.dispatchgateway.adapters.servicetitan.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** {@code Crm.V2.Customers.CustomerAddress}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StAddress(String street, String unit, String city, String state, String zip, String country,
        Double latitude, Double longitude) {

    /** One line: street, unit, city, state zip. */
    public String oneLine() {
        StringBuilder line = new StringBuilder();
        append(line, street);
        append(line, unit);
        append(line, city);
        append(line, state == null ? null : state + (zip == null ? "" : " " + zip));
        return line.isEmpty() ? null : line.toString();
    }

    private static void append(StringBuilder line, String part) {
        if (part != null && !part.isBlank()) {
            if (!line.isEmpty()) {
                line.append(", ");
            }
            line.append(part.strip());
        }
    }
}
