package io.dispatchgateway.adapters.llm;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the language model port.
 *
 * @param enabled whether the gateway may use a language model at all; off by default
 * @param baseUrl the API root the path {@code /chat/completions} is added to: {@code https://api.openai.com/v1},
 *        {@code https://<resource>.openai.azure.com/openai/deployments/<deployment>}, {@code http://localhost:11434/v1}
 *        (Ollama) or {@code http://localhost:8000/v1} (vLLM)
 * @param model the model name sent with every request (for Azure, the deployment's model)
 * @param apiKey the key, sent as {@code Authorization: Bearer} or {@code api-key}; none for a local server; never
 *        logged nor kept with the exchanges
 * @param auth how the key is sent: {@code bearer} (OpenAI, vLLM, Ollama) or {@code api-key} (Azure OpenAI)
 * @param apiVersion sent as the {@code api-version} query parameter when set (Azure OpenAI)
 * @param timeout how long one answer may take before the rules and templates are used instead
 * @param tenants the tenants whose job text may be sent to the model; none by default, so turning the port on
 *        sends nothing until a tenant is listed
 * @param classification whether the model proposes classifications when the rules are in doubt
 * @param customerUpdates whether the model writes the customer-update drafts (templates otherwise, and always
 *        when it fails)
 * @param packSummaries whether the model writes a short incident summary for the technician's pack; one more
 *        request for every job of a listed tenant, made when the job is classified, so off by default
 * @param maxTextCharacters how much of a job's description is sent
 * @param breakerThreshold failed calls in a row (timeouts, 429, 5xx, no connection) after which the model is not
 *        asked for {@code breakerOpenFor}
 * @param breakerOpenFor how long the open breaker keeps to the rules and templates
 */
@Validated
@ConfigurationProperties("gateway.llm")
public record LlmProperties(
        boolean enabled,
        @NotNull(message = "is required when gateway.llm.enabled=true") URI baseUrl,
        @NotBlank(message = "is required when gateway.llm.enabled=true") String model,
        String apiKey,
        @DefaultValue("bearer") @NotNull Auth auth,
        String apiVersion,
        @DefaultValue("10s") @NotNull Duration timeout,
        @DefaultValue List<@NotBlank String> tenants,
        @DefaultValue("true") boolean classification,
        @DefaultValue("true") boolean customerUpdates,
        @DefaultValue("false") boolean packSummaries,
        @DefaultValue("4000") @Min(200) @Max(50000) int maxTextCharacters,
        @DefaultValue("3") @Positive int breakerThreshold,
        @DefaultValue("60s") @NotNull Duration breakerOpenFor) {

    /** How the API key travels. */
    public enum Auth { BEARER, API_KEY }

    public LlmProperties {
        tenants = tenants == null ? List.of() : List.copyOf(tenants);
    }

    /** The settings without the key, so they can never be logged with it. */
    @Override
    public String toString() {
        return "LlmProperties[enabled=" + enabled + ", baseUrl=" + baseUrl + ", model=" + model + ", apiKey="
                + (apiKey == null || apiKey.isBlank() ? "none" : "(set)") + ", auth=" + auth + ", tenants=" + tenants
                + "]";
    }

    /** As much of a job's text as is sent ({@code max-text-characters}). */
    String sendable(String text) {
        return text == null ? "" : text.length() <= maxTextCharacters ? text : text.substring(0, maxTextCharacters);
    }

    /** Whether this tenant's data may be sent at all. */
    boolean allows(String tenant) {
        return enabled && tenants.contains(tenant);
    }
}
