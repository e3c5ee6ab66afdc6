package io.dispatchgateway.gateway.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ScenarioJobsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId DENVER = ZoneId.of("America/Denver");

    private final Scenario scenario = Scenario.read(Path.of("..", "examples", "scenarios", "telecom-day.yml"));

    @Test
    void theTelecomDayIsEightHundredJobsFollowingItsDemandCurve() throws Exception {
        List<ScenarioJobs.Arrival> jobs = ScenarioJobs.generate(scenario, roster(), DENVER, 1, JSON);

        assertThat(jobs).hasSize(800);
        assertThat(jobs).isSortedAccordingTo(java.util.Comparator.comparing(ScenarioJobs.Arrival::at));
        Map<Integer, Long> byHour = jobs.stream().collect(Collectors.groupingBy(
                a -> a.at().atZone(DENVER).getHour(), Collectors.counting()));
        assertThat(byHour.keySet()).allMatch(h -> h >= 6 && h <= 20);
        // The 09:00 peak (weight 12 of 100) against the 20:00 tail (1 of 100).
        assertThat(byHour.get(9)).isBetween(70L, 125L);
        assertThat(byHour.get(20)).isLessThan(20L);
    }

    @Test
    void theSameSeedGivesTheSameJobsAndAnotherSeedOthers() throws Exception {
        List<ScenarioJobs.Arrival> once = ScenarioJobs.generate(scenario, roster(), DENVER, 7, JSON);
        List<ScenarioJobs.Arrival> again = ScenarioJobs.generate(scenario, roster(), DENVER, 7, JSON);
        List<ScenarioJobs.Arrival> other = ScenarioJobs.generate(scenario, roster(), DENVER, 8, JSON);

        assertThat(again).isEqualTo(once);
        assertThat(other).isNotEqualTo(once);
    }

    @Test
    void jobsCarryTheIntakeContractWithPartsJobTypesAndAppointmentsInBookingHours() throws Exception {
        List<ScenarioJobs.Arrival> jobs = ScenarioJobs.generate(scenario, roster(), DENVER, 3, JSON);
        int windows = 0;
        int parts = 0;
        for (ScenarioJobs.Arrival arrival : jobs) {
            JsonNode job = JSON.readTree(arrival.payload());
            assertThat(job.path("externalId").asText()).isEqualTo(arrival.externalId());
            assertThat(job.path("customerId").asText()).startsWith("C-");
            assertThat(job.path("location").path("lat").isNumber()).isTrue();
            assertThat(job.path("jobType").path("duration").asText()).startsWith("PT");
            if (job.has("requiredParts")) {
                parts++;
            }
            if (job.has("arrivalWindow")) {
                windows++;
                ZonedDateTime start = Instant.parse(job.at("/arrivalWindow/start").asText()).atZone(DENVER);
                assertThat(start.toLocalTime()).isBetween(LocalTime.of(8, 0), LocalTime.of(16, 0));
                assertThat(start.toInstant()).isAfter(arrival.at().plusSeconds(2 * 3600));
            }
        }
        assertThat(windows / 800.0).isBetween(0.2, 0.3);
        assertThat(parts).isBetween(100, 250);
    }

    @Test
    void aScenarioWithoutItsEssentialsIsRefusedNamingWhatIsMissing() {
        assertThatThrownBy(() -> new Scenario("broken", null, null, null, 1, null, 0, null, List.of(), null, null,
                null, null))
                .hasMessageContaining("day: is required")
                .hasMessageContaining("jobs: must be at least 1")
                .hasMessageContaining("work: name at least one kind of work");
    }

    private static JsonNode roster() throws Exception {
        try (var in = ScenarioJobsTest.class.getResourceAsStream("/demo/roster.json")) {
            return JSON.readTree(in);
        }
    }
}
