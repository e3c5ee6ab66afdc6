package io.dispatchgateway.core.model;

import jakarta.validation.constraints.NotBlank;
import java.time.LocalDate;

/** A certification a technician holds; {@code expiresOn} null means it does not expire. */
public record Certification(@NotBlank String code, LocalDate expiresOn) {

    public boolean isValidOn(LocalDate date) {
        return expiresOn == null || !date.isAfter(expiresOn);
    }
}
