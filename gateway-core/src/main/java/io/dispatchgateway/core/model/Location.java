package io.dispatchgateway.core.model;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Where work happens: a street address and its coordinates. */
public record Location(
        @Size(max = 300) String address,
        @NotNull @DecimalMin("-90.0") @DecimalMax("90.0") Double lat,
        @NotNull @DecimalMin("-180.0") @DecimalMax("180.0") Double lon) {

    public GeoPoint point() {
        return new GeoPoint(lat, lon);
    }
}
