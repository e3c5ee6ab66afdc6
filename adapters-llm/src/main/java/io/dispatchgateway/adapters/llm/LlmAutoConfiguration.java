package io.dispatchgateway.adapters.llm;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dispatchgateway.clients.Breakers;
import io.dispatchgateway.core.port.ClassificationAssistant;
import io.dispatchgateway.core.port.CustomerUpdateDrafter;
import io.dispatchgateway.core.port.IncidentSummarizer;
import io.dispatchgateway.mappings.adapter.AdapterDescriptor;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Switches the language model port on with {@code gateway.llm.enabled=true}: an OpenAI-compatible endpoint that
 * proposes classifications when the rules are in doubt, rewrites customer-update drafts and, when asked to,
 * writes the pack's incident summary. Off by default, and even when on nothing is sent for a tenant not listed in
 * {@code gateway.llm.tenants}; once on, a missing endpoint or model stops the start-up with the property's name.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(prefix = "gateway.llm", name = "enabled")
@EnableConfigurationProperties(LlmProperties.class)
public class LlmAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ChatCompletions llmChatCompletions(LlmProperties properties, ObjectProvider<Clock> clock) {
        CircuitBreaker breaker = CircuitBreaker.of("llm", Breakers.afterFailuresInARow(properties.breakerThreshold(),
                properties.breakerOpenFor(), clock.getIfAvailable(Clock::systemUTC)));
        return new ChatCompletions(properties, HttpClient.newBuilder().connectTimeout(properties.timeout()).build(),
                new ObjectMapper(), breaker);
    }

    @Bean
    @ConditionalOnMissingBean
    ClassificationAssistant modelClassifier(ChatCompletions chat, LlmProperties properties,
            ObjectProvider<Validator> validator) {
        return new ModelClassifier(chat, properties, new ObjectMapper(),
                validator.getIfAvailable(() -> Validation.buildDefaultValidatorFactory().getValidator()));
    }

    @Bean
    @ConditionalOnMissingBean
    IncidentSummarizer modelIncidentSummaries(ChatCompletions chat, LlmProperties properties) {
        return new ModelIncidentSummaries(chat, properties, new ObjectMapper());
    }

    /**
     * Puts the model in front of the configured customer-update drafter (the templates by default), which stays
     * the fallback for every draft the model cannot write.
     */
    @Bean
    static BeanPostProcessor modelCustomerUpdates(ObjectProvider<ChatCompletions> chat,
            ObjectProvider<LlmProperties> properties) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof CustomerUpdateDrafter drafter && !(bean instanceof ModelCustomerUpdates)
                        && properties.getObject().customerUpdates()) {
                    return new ModelCustomerUpdates(drafter, chat.getObject(), properties.getObject(),
                            new ObjectMapper());
                }
                return bean;
            }
        };
    }

    @Bean
    @ConditionalOnMissingBean(name = "llmAdapterDescriptor")
    AdapterDescriptor llmAdapterDescriptor(LlmProperties properties) {
        return new AdapterDescriptor("llm", "language model " + properties.model() + " (proposes, never routes) for "
                + (properties.tenants().isEmpty() ? "no tenant yet" : "tenants " + String.join(", ",
                        properties.tenants())), List.of(ClassificationAssistant.class.getSimpleName(),
                        CustomerUpdateDrafter.class.getSimpleName(), IncidentSummarizer.class.getSimpleName()));
    }
}
