package io.dispatchgateway.adapters.servicetitan.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The OAuth2 token response of {@code /connect/token}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StToken(@JsonProperty("access_token") String accessToken, @JsonProperty("expires_in") long expiresIn,
        @JsonProperty("token_type") String tokenType) {}
