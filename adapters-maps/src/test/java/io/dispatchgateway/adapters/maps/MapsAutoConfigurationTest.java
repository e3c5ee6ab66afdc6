package io.dispatchgateway.adapters.maps;

import static org.assertj.core.api.Assertions.assertThat;

import io.dispatchgateway.core.model.GeoPoint;
import io.dispatchgateway.core.port.OfflineTravelTimes;
import io.dispatchgateway.core.port.TravelTimeMatrix;
import io.dispatchgateway.mappings.adapter.AdapterDescriptor;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class MapsAutoConfigurationTest {

    private static final List<GeoPoint> ORIGIN = List.of(new GeoPoint(39.70, -104.99));
    private static final GeoPoint SITE = new GeoPoint(39.80, -104.99);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class, MapsAutoConfiguration.class));

    @Test
    void onByDefaultWithTheOfflineEstimateOnly() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(OfflineTravelTimes.class).hasSingleBean(AdapterDescriptor.class);
            assertThat(context.getBeansOfType(TravelTimeMatrix.class)).hasSize(1);
            TravelTimeMatrix.TravelTime t = context.getBean(OfflineTravelTimes.class)
                    .travelTimes(ORIGIN, SITE, Instant.parse("2026-11-23T12:00:00Z")).get(0);
            // 11.1 km straight line x 1.3 circuity at 40 km/h is about 21.7 minutes.
            assertThat(t.minutes()).isBetween(21.0, 22.5);
            assertThat(t.estimated()).isTrue();
        });
    }

    @Test
    void peakHoursDriveSlowerInTheGatewaysZone() {
        runner.withPropertyValues("gateway.zone=America/Denver").run(context -> {
            OfflineTravelTimes offline = context.getBean(OfflineTravelTimes.class);
            double rush = offline.travelTimes(ORIGIN, SITE, Instant.parse("2026-11-23T15:00:00Z")).get(0).minutes();
            double noon = offline.travelTimes(ORIGIN, SITE, Instant.parse("2026-11-23T19:00:00Z")).get(0).minutes();
            assertThat(rush / noon).isCloseTo(40.0 / 28.0, org.assertj.core.data.Offset.offset(0.001));
        });
    }

    @Test
    void switchingTheProviderIsOneProperty() {
        runner.withPropertyValues("gateway.adapters.maps.provider=osrm").run(context -> {
            assertThat(context.getBeansOfType(TravelTimeMatrix.class)).containsKey("routedTravelTimes").hasSize(2);
            assertThat(context.getBean(AdapterDescriptor.class).description()).contains("measured by osrm");
        });
        runner.withPropertyValues("gateway.adapters.maps.provider=google", "gateway.adapters.maps.google.api-key=k")
                .run(context -> assertThat(context.getBeansOfType(TravelTimeMatrix.class))
                        .containsKey("googleTravelTimes"));
    }

    @Test
    void googleWithoutAnApiKeyFailsAtStartUpNamingTheProperty() {
        runner.withPropertyValues("gateway.adapters.maps.provider=google")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("gateway.adapters.maps.google.api-key"));
    }

    @Test
    void offWhenDisabled() {
        runner.withPropertyValues("gateway.adapters.maps.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(TravelTimeMatrix.class)
                        .doesNotHaveBean(AdapterDescriptor.class));
    }

    @Test
    void backsOffWhenTheUserDefinesTheEstimate() {
        OfflineTravelTimes own = (origins, destination, departure) -> List.of();
        runner.withBean(OfflineTravelTimes.class, () -> own)
                .run(context -> assertThat(context.getBean(OfflineTravelTimes.class)).isSameAs(own));
    }

    @Test
    void badSettingFailsAtStartUpNamingTheProperty() {
        runner.withPropertyValues("gateway.adapters.maps.offline.circuity-factor=0.5")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("offline.circuityFactor"));
    }
}
