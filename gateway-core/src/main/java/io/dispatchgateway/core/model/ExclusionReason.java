package io.dispatchgateway.core.model;

/** Why a hard constraint excluded a technician: the rule's name and a sentence a dispatcher can read. */
public record ExclusionReason(String rule, String detail) {}
