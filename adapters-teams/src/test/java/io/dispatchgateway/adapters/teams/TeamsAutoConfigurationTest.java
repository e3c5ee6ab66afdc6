package io.dispatchgateway.adapters.teams;

import static org.assertj.core.api.Assertions.assertThat;

import io.dispatchgateway.mappings.adapter.AdapterDescriptor;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class TeamsAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class, TeamsAutoConfiguration.class));

    private final String[] complete = {"gateway.adapters.teams.approval-webhook-url=https://example.invalid/webhook", "gateway.adapters.teams.link-secret=0123456789abcdef0123456789abcdef"};

    @Test
    void offUntilEnabled() {
        runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(AdapterDescriptor.class));
    }

    @Test
    void onWhenEnabledAndConfigured() {
        runner.withPropertyValues("gateway.adapters.teams.enabled=true").withPropertyValues(complete)
                .run(context -> assertThat(context.getBean(AdapterDescriptor.class).name()).isEqualTo("teams"));
    }

    @Test
    void postsPacksOnlyWhenTheTechniciansWebhookIsSet() {
        runner.withPropertyValues("gateway.adapters.teams.enabled=true").withPropertyValues(complete)
                .run(context -> assertThat(context).doesNotHaveBean(io.dispatchgateway.core.port.PackDelivery.class));
        runner.withPropertyValues("gateway.adapters.teams.enabled=true",
                        "gateway.adapters.teams.pack-webhook-url=https://example.invalid/technicians")
                .withPropertyValues(complete)
                .run(context -> assertThat(context).hasSingleBean(io.dispatchgateway.core.port.PackDelivery.class));
    }

    @Test
    void offWhenDisabled() {
        runner.withPropertyValues("gateway.adapters.teams.enabled=false").withPropertyValues(complete)
                .run(context -> assertThat(context).doesNotHaveBean(AdapterDescriptor.class));
    }

    @Test
    void backsOffWhenTheUserDefinesTheBean() {
        AdapterDescriptor own = new AdapterDescriptor("teams", "mine", java.util.List.of());
        runner.withPropertyValues("gateway.adapters.teams.enabled=true").withPropertyValues(complete)
                .withBean("teamsAdapterDescriptor", AdapterDescriptor.class, () -> own)
                .run(context -> assertThat(context.getBean(AdapterDescriptor.class)).isSameAs(own));
    }

    @Test
    void missingRequiredSettingFailsNamingTheProperty() {
        runner.withPropertyValues("gateway.adapters.teams.enabled=true")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("gateway.adapters.teams"));
    }
}
