package io.dispatchgateway.adapters.powerbi;

import static org.assertj.core.api.Assertions.assertThat;

import io.dispatchgateway.mappings.adapter.AdapterDescriptor;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class PowerBiAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class, PowerBiAutoConfiguration.class));

    private final String[] complete = {"gateway.adapters.powerbi.tenant-id=t", "gateway.adapters.powerbi.client-id=c", "gateway.adapters.powerbi.client-secret=s", "gateway.adapters.powerbi.workspace-id=w"};

    @Test
    void offUntilEnabled() {
        runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(AdapterDescriptor.class));
    }

    @Test
    void onWhenEnabledAndConfigured() {
        runner.withPropertyValues("gateway.adapters.powerbi.enabled=true").withPropertyValues(complete)
                .run(context -> assertThat(context.getBean(AdapterDescriptor.class).name()).isEqualTo("powerbi"));
    }

    @Test
    void pushesKpiRowsWhenEnabled() {
        runner.withPropertyValues("gateway.adapters.powerbi.enabled=true").withPropertyValues(complete)
                .run(context -> assertThat(context).hasSingleBean(io.dispatchgateway.core.port.KpiPush.class));
    }

    @Test
    void refusesLimitsAbovePowerBis() {
        runner.withPropertyValues("gateway.adapters.powerbi.enabled=true",
                        "gateway.adapters.powerbi.max-rows-per-request=20000").withPropertyValues(complete)
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("maxRowsPerRequest"));
    }

    @Test
    void offWhenDisabled() {
        runner.withPropertyValues("gateway.adapters.powerbi.enabled=false").withPropertyValues(complete)
                .run(context -> assertThat(context).doesNotHaveBean(AdapterDescriptor.class));
    }

    @Test
    void backsOffWhenTheUserDefinesTheBean() {
        AdapterDescriptor own = new AdapterDescriptor("powerbi", "mine", java.util.List.of());
        runner.withPropertyValues("gateway.adapters.powerbi.enabled=true").withPropertyValues(complete)
                .withBean("powerbiAdapterDescriptor", AdapterDescriptor.class, () -> own)
                .run(context -> assertThat(context.getBean(AdapterDescriptor.class)).isSameAs(own));
    }

    @Test
    void missingRequiredSettingFailsNamingTheProperty() {
        runner.withPropertyValues("gateway.adapters.powerbi.enabled=true")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("gateway.adapters.powerbi"));
    }
}
