package io.dispatchgateway.core.model;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Map;

/** A warehouse technicians pick parts up from; {@code stock} maps part number to quantity on hand. */
public record Depot(
        @NotBlank @Size(max = 64) String id,
        @NotBlank @Size(max = 200) String name,
        @NotNull @Valid GeoPoint location,
        Map<String, Integer> stock) {

    public Depot {
        stock = stock == null ? Map.of() : Map.copyOf(stock);
    }

    public Depot withId(String newId) {
        return new Depot(newId, name, location, stock);
    }
}
