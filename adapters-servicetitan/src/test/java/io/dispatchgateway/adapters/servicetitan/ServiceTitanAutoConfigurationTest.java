package io.dispatchgateway.adapters.servicetitan;

import static org.assertj.core.api.Assertions.assertThat;

import io.dispatchgateway.mappings.adapter.AdapterDescriptor;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class ServiceTitanAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class, ServiceTitanAutoConfiguration.class))
            .withBean(io.dispatchgateway.core.port.SyncCursorStore.class, InMemoryPorts.Cursors::new)
            .withBean(io.dispatchgateway.core.port.CustomerDirectory.class, InMemoryPorts.Customers::new)
            .withBean(io.dispatchgateway.core.port.TechnicianDirectory.class, InMemoryPorts.Technicians::new);

    private final String[] complete = {"gateway.adapters.servicetitan.tenant-id=123", "gateway.adapters.servicetitan.client-id=cid", "gateway.adapters.servicetitan.client-secret=secret", "gateway.adapters.servicetitan.app-key=ak"};

    @Test
    void offUntilEnabled() {
        runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(AdapterDescriptor.class));
    }

    @Test
    void onWhenEnabledAndConfigured() {
        runner.withPropertyValues("gateway.adapters.servicetitan.enabled=true").withPropertyValues(complete)
                .run(context -> {
                    assertThat(context.getBean(AdapterDescriptor.class).name()).isEqualTo("servicetitan");
                    assertThat(context).hasSingleBean(ServiceTitanJobSource.class)
                            .hasSingleBean(io.dispatchgateway.core.port.AssignmentSink.class);
                });
    }

    @Test
    void offWhenDisabled() {
        runner.withPropertyValues("gateway.adapters.servicetitan.enabled=false").withPropertyValues(complete)
                .run(context -> assertThat(context).doesNotHaveBean(AdapterDescriptor.class));
    }

    @Test
    void backsOffWhenTheUserDefinesTheBean() {
        AdapterDescriptor own = new AdapterDescriptor("servicetitan", "mine", java.util.List.of());
        runner.withPropertyValues("gateway.adapters.servicetitan.enabled=true").withPropertyValues(complete)
                .withBean("servicetitanAdapterDescriptor", AdapterDescriptor.class, () -> own)
                .run(context -> assertThat(context.getBean(AdapterDescriptor.class)).isSameAs(own));
    }

    @Test
    void missingRequiredSettingFailsNamingTheProperty() {
        runner.withPropertyValues("gateway.adapters.servicetitan.enabled=true")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("gateway.adapters.servicetitan")
                        .hasStackTraceContaining("tenantId"));
    }
}
