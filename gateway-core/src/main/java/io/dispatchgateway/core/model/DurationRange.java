package io.dispatchgateway.core.model;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.time.Duration;

/** A duration from {@code min} to {@code max} (ISO-8601, inclusive); null passes. */
@Documented
@Target({FIELD, METHOD, PARAMETER, TYPE_USE})
@Retention(RUNTIME)
@Constraint(validatedBy = DurationRange.Check.class)
public @interface DurationRange {

    String min() default "PT1M";

    String max() default "P366D";

    String message() default "must be a duration from {min} to {max}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** The check behind {@link DurationRange}. */
    final class Check implements ConstraintValidator<DurationRange, Duration> {

        private Duration min;
        private Duration max;

        @Override
        public void initialize(DurationRange range) {
            min = Duration.parse(range.min());
            max = Duration.parse(range.max());
        }

        @Override
        public boolean isValid(Duration value, ConstraintValidatorContext context) {
            return value == null || value.compareTo(min) >= 0 && value.compareTo(max) <= 0;
        }
    }
}
