package io.dispatchgateway.adapters.servicetitan.dto;

/** {@code Jpm.V2.JobNoteCreateRequest}. */
public record JobNoteCreateRequest(String text, Boolean pinToTop) {}
