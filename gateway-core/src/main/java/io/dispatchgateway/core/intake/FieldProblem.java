package io.dispatchgateway.core.intake;

/** One thing wrong with a submitted payload: the field's path ({@code location.lat}) and what is wrong. */
public record FieldProblem(String field, String message) {}
