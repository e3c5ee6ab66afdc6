package io.dispatchgateway.adapters.llm;

import static org.assertj.core.api.Assertions.assertThat;

import io.dispatchgateway.core.port.ClassificationAssistant;
import io.dispatchgateway.core.port.CustomerUpdateDrafter;
import io.dispatchgateway.mappings.adapter.AdapterDescriptor;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class LlmAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class, LlmAutoConfiguration.class));

    private final String[] complete = {"gateway.llm.base-url=http://localhost:11434/v1", "gateway.llm.model=llama3.1"};

    @Test
    void offByDefault() {
        runner.withPropertyValues(complete)
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ClassificationAssistant.class));
    }

    @Test
    void onWhenEnabledButServesNoTenantUntilOneIsListed() {
        runner.withPropertyValues("gateway.llm.enabled=true").withPropertyValues(complete).run(context -> {
            assertThat(context.getBean(ClassificationAssistant.class).serves("default")).isFalse();
            assertThat(context.getBean(AdapterDescriptor.class).description()).contains("no tenant yet");
        });
        runner.withPropertyValues("gateway.llm.enabled=true", "gateway.llm.tenants=default").withPropertyValues(complete)
                .run(context -> assertThat(context.getBean(ClassificationAssistant.class).serves("default")).isTrue());
    }

    @Test
    void classificationCanBeSwitchedOffAlone() {
        runner.withPropertyValues("gateway.llm.enabled=true", "gateway.llm.tenants=default",
                        "gateway.llm.classification=false").withPropertyValues(complete)
                .run(context -> assertThat(context.getBean(ClassificationAssistant.class).serves("default")).isFalse());
    }

    @Test
    void backsOffWhenTheUserDefinesTheAssistant() {
        ClassificationAssistant own = new ClassificationAssistant() {
            @Override
            public boolean serves(String tenant) {
                return false;
            }

            @Override
            public Answer propose(Question question) {
                return Answer.failed("own", "", null, "never");
            }
        };
        runner.withPropertyValues("gateway.llm.enabled=true").withPropertyValues(complete)
                .withBean(ClassificationAssistant.class, () -> own)
                .run(context -> assertThat(context.getBean(ClassificationAssistant.class)).isSameAs(own));
    }

    @Test
    void aMissingEndpointOrModelStopsTheStartUpNamingTheProperty() {
        runner.withPropertyValues("gateway.llm.enabled=true", "gateway.llm.model=llama3.1").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("baseUrl")
                    .hasMessageContaining("is required when gateway.llm.enabled=true");
        });
    }

    @Test
    void theModelDraftsInFrontOfTheConfiguredDrafterUnlessCustomerUpdatesAreOff() {
        CustomerUpdateDrafter templates = update -> "template";
        runner.withPropertyValues("gateway.llm.enabled=true").withPropertyValues(complete)
                .withBean("customerUpdateDrafter", CustomerUpdateDrafter.class, () -> templates)
                .run(context -> assertThat(context.getBean(CustomerUpdateDrafter.class))
                        .isInstanceOf(ModelCustomerUpdates.class));
        runner.withPropertyValues("gateway.llm.enabled=true", "gateway.llm.customer-updates=false")
                .withPropertyValues(complete)
                .withBean("customerUpdateDrafter", CustomerUpdateDrafter.class, () -> templates)
                .run(context -> assertThat(context.getBean(CustomerUpdateDrafter.class)).isSameAs(templates));
    }
}
