package io.dispatchgateway.core.intake;

import jakarta.validation.ConstraintViolation;

/** One thing wrong with a submitted payload: the field's path ({@code location.lat}) and what is wrong. */
public record FieldProblem(String field, String message) {

    /**
     * The problem a bean-validation violation describes, with container-element markers taken out of the path
     * ({@code requiredParts[0].<list element>} becomes {@code requiredParts[0]}).
     */
    public static FieldProblem of(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString().replaceAll("\\.?<[^>]+>", "");
        return new FieldProblem(path.isEmpty() ? "$" : path, violation.getMessage());
    }

    /** Whether this problem is about {@code field} or something inside it. */
    public boolean concerns(String field) {
        return this.field.equals(field) || this.field.startsWith(field + ".") || this.field.startsWith(field + "[");
    }
}
