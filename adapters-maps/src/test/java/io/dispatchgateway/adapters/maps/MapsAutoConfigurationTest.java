package io.dispatchgateway.adapters.maps;

import static org.assertj.core.api.Assertions.assertThat;

import io.dispatchgateway.core.model.GeoPoint;
import io.dispatchgateway.core.port.TravelTimeMatrix;
import io.dispatchgateway.mappings.adapter.AdapterDescriptor;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class MapsAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class, MapsAutoConfiguration.class));

    @Test
    void onByDefaultWithTheOfflineEstimate() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(TravelTimeMatrix.class).hasSingleBean(AdapterDescriptor.class);
            TravelTimeMatrix.TravelTime t = context.getBean(TravelTimeMatrix.class).travelTimes(
                    List.of(new GeoPoint(39.70, -104.99)), new GeoPoint(39.80, -104.99), Instant.EPOCH).get(0);
            // 11.1 km straight line x 1.3 circuity at 40 km/h is about 21.7 minutes.
            assertThat(t.minutes()).isBetween(21.0, 22.5);
            assertThat(t.estimated()).isTrue();
        });
    }

    @Test
    void offWhenDisabled() {
        runner.withPropertyValues("gateway.adapters.maps.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(TravelTimeMatrix.class)
                        .doesNotHaveBean(AdapterDescriptor.class));
    }

    @Test
    void backsOffWhenTheUserDefinesTheMatrix() {
        TravelTimeMatrix own = (origins, destination, departure) -> List.of();
        runner.withBean(TravelTimeMatrix.class, () -> own)
                .run(context -> assertThat(context.getBean(TravelTimeMatrix.class)).isSameAs(own));
    }

    @Test
    void badSettingFailsAtStartUpNamingTheProperty() {
        runner.withPropertyValues("gateway.adapters.maps.offline.circuity-factor=0.5")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("offline.circuityFactor"));
    }
}
