package io.dispatchgateway.core.model;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;
import java.math.BigDecimal;

/**
 * What an SLA breach costs under the customer's contract: a fixed amount per breach plus an amount per
 * started hour late.
 */
public record PenaltyTerms(
        @PositiveOrZero BigDecimal perBreach,
        @PositiveOrZero BigDecimal perHourLate,
        @NotBlank String currency) {

    public static final PenaltyTerms NONE = new PenaltyTerms(BigDecimal.ZERO, BigDecimal.ZERO, "USD");

    public BigDecimal perBreachOrZero() {
        return perBreach == null ? BigDecimal.ZERO : perBreach;
    }
}
