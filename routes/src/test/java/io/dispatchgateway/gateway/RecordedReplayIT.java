package io.dispatchgateway.gateway;

import static io.dispatchgateway.gateway.GatewayClient.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dispatchgateway.gateway.flow.ApprovalTimeouts;
import io.dispatchgateway.gateway.live.SlaMonitor;
import io.dispatchgateway.gateway.simulation.RunResult;
import io.dispatchgateway.gateway.simulation.SimulatedClock;
import io.dispatchgateway.gateway.simulation.Simulate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A morning of a running gateway (the demo roster, jobs posted over HTTP, dispatchers deciding approvals,
 * technicians reporting from the field and their positions), exported as a recording and replayed by
 * {@code simulate --recording} under the gateway's own settings: every job is decided as it was. The same
 * morning as a routing review in the background, under its own settings and another policy, with progress and
 * a report.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
@Import(RecordedReplayIT.Stepped.class)
class RecordedReplayIT {

    /**
     * The gateway's clock, set by the test: the morning is played minute by minute, and the gateway's timed
     * work (the SLA monitor and the approval timeouts, every minute as configured) runs on each minute as its
     * timers would, not on the test machine's seconds.
     */
    @TestConfiguration(proxyBeanMethods = false)
    static class Stepped {
        @Bean
        SimulatedClock clock() {
            return new SimulatedClock(MondayMorningClock.START);
        }
    }

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("gateway.data-dir", dataDir::toString);
        // The optimizer of a running gateway works to a time budget, which a replay cannot repeat.
        registry.add("gateway.planning.optimize", () -> "false");
    }

    private static final Set<String> UNDECIDED = Set.of("RECEIVED", "CLASSIFIED", "RANKED");

    /** External id, customer, summary; the customers' own sites. */
    private static final List<String[]> MORNING = List.of(
            new String[] {"REC-01", "C-0002", "Furnace not heating"},
            new String[] {"REC-02", "C-0005", "No cooling in the server room"},
            new String[] {"REC-03", "C-0011", "Water heater leaking"},
            new String[] {"REC-04", "C-0014", "Breaker keeps tripping"},
            new String[] {"REC-05", "C-0029", "Gas leak by the boiler"},
            new String[] {"REC-06", "C-0023", "Thermostat not responding"},
            new String[] {"REC-07", "C-0035", "Furnace making noise"},
            new String[] {"REC-08", "C-0010", "Clogged drain in the kitchen"},
            new String[] {"REC-09", "C-0038", "Outlet sparking in the hallway"},
            new String[] {"REC-10", "C-0018", "AC not cooling in the office"});

    @LocalServerPort
    int port;

    @Autowired
    SimulatedClock clock;

    @Autowired
    SlaMonitor monitor;

    @Autowired
    ApprovalTimeouts timeouts;

    @Autowired
    CamelContext camel;

    private Instant minute;

    /** The clock a few seconds into the current minute: each action of the test at its own time. */
    private void at(int seconds) {
        clock.set(minute.plusSeconds(seconds));
    }

    /** The next minute, and the gateway's timed work on it. */
    private void nextMinute() {
        minute = minute.plus(Duration.ofMinutes(1));
        clock.set(minute);
        monitor.check();
        timeouts.check();
    }

    @Test
    void aRecordedMorningReplaysToTheSameDecisionsAndReviewsUnderAnotherPolicy() throws Exception {
        GatewayClient client = new GatewayClient(port);
        camel.getRouteController().stopRoute("sla-monitor");
        camel.getRouteController().stopRoute("approval-timeouts");
        minute = MondayMorningClock.START;
        Instant from = minute;
        JsonNode roster = parse(new String(getClass().getResourceAsStream("/demo/roster.json").readAllBytes()));
        String[] ids = new String[MORNING.size()];
        int approvals = 0;
        for (int i = 0; i < MORNING.size(); i++) {
            String[] job = MORNING.get(i);
            at(10);
            ids[i] = submit(client, job[0], job[1], site(roster, job[1]), job[2]);
            JsonNode decided = decided(client, ids[i]);
            if ("PENDING_APPROVAL".equals(decided.get("status").asText())) {
                JsonNode options = decided.at("/recommendation/options");
                // One dispatcher takes the recommendation, the next one the second option.
                String other = approvals++ % 2 == 1 && options.size() > 1
                        ? ", \"technicianId\": \"" + options.get(1).get("technicianId").asText() + "\"" : "";
                at(20);
                var response = client.post("/api/v1/approvals/" + decided.at("/approval/id").asText()
                        + "/decision", "dispatcher", "{\"decision\": \"APPROVE\"" + other + "}");
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                decided(client, ids[i]);
            }
            // The field works the first jobs meanwhile.
            at(30);
            if (i == 2) {
                event(client, ids[0], "EN_ROUTE", null);
            } else if (i == 4) {
                event(client, ids[0], "ARRIVED", null);
                at(35);
                event(client, ids[2], "EN_ROUTE", null);
            } else if (i == 6) {
                event(client, ids[0], "COMPLETED", "\"firstTimeFix\": true");
                at(35);
                String technician = technician(client, ids[0]);
                var fix = client.post("/api/v1/technicians/" + technician + "/location", "integration",
                        "{\"lat\": 39.7392, \"lon\": -104.9903}");
                assertThat(fix.statusCode()).as(fix.body()).isEqualTo(200);
            } else if (i == 8) {
                event(client, ids[2], "ARRIVED", null);
            }
            for (int m = 0; m < 7; m++) {
                nextMinute();
            }
        }
        Instant to = clock.instant();

        var refused = client.get("/api/v1/reviews/recording?from=" + from + "&to=" + to, "dispatcher");
        assertThat(refused.statusCode()).isEqualTo(403);
        var farOff = client.get("/api/v1/reviews/recording?from=" + from + "&to=+300000-01-01T00:00:00Z", "manager");
        assertThat(farOff.statusCode()).isEqualTo(400);
        var backwards = client.get("/api/v1/reviews/recording?from=" + to + "&to=" + from, "manager");
        assertThat(backwards.statusCode()).isEqualTo(400);
        assertThat(backwards.body()).contains("\"to\"").contains("must be after from");

        var exported = client.get("/api/v1/reviews/recording?from=" + from + "&to=" + to, "manager");
        assertThat(exported.statusCode()).as(exported.body()).isEqualTo(200);
        JsonNode recording = parse(exported.body());
        assertThat(recording.get("jobs")).hasSize(MORNING.size());
        assertThat(recording.get("fieldEvents")).hasSize(5);
        assertThat(recording.get("approvals").size()).isEqualTo(approvals).isPositive();
        // The reported position; the arrival moves its technician again when its event is played.
        assertThat(recording.get("fixes")).hasSize(1);
        assertThat(recording.at("/settings/gateway.planning.optimize").asText()).isEqualTo("false");
        assertThat(exported.body()).doesNotContainIgnoringCase("password").doesNotContain("{bcrypt}");
        // Kept beside the test reports to read when a replay goes another way.
        Path file = Files.createDirectories(Path.of("target", "recorded-replay-it")).resolve("morning.json");
        Files.writeString(file, exported.body());

        Path report = dataDir.resolve("replay").resolve("report.html");
        RunResult replayed = Simulate.run(new Simulate.Options(null, file, List.of(Simulate.CONFIGURED), 1, 1,
                report, null, Map.of())).get(0);
        assertThat(replayed.comparison().differences()).isEmpty();
        assertThat(replayed.comparison().same()).isEqualTo(MORNING.size());
        assertThat(replayed.comparison().played()).isGreaterThanOrEqualTo(5 + approvals);
        assertThat(replayed.comparison().notPlayed()).isZero();
        assertThat(replayed.kpis().named()).containsEntry("decisions-reproduced", 1.0)
                .containsEntry("jobs", (double) MORNING.size());

        // The same morning as a routing review, in the background.
        var started = client.post("/api/v1/reviews", "manager", "{\"from\": \"" + from + "\", \"to\": \"" + to
                + "\", \"policies\": [\"minimize-travel\"], \"seeds\": 1, \"settings\":"
                + " {\"gateway.ranking.policies.balanced.weights.travel-time\": \"0.6\"}}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String review = parse(started.body()).get("id").asText();
        var second = client.post("/api/v1/reviews", "manager", "{\"from\": \"" + from + "\", \"to\": \"" + to
                + "\"}");
        assertThat(second.statusCode()).as(second.body()).isEqualTo(409);
        assertThat(second.body()).contains(review);
        JsonNode done = await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(2))
                .until(() -> client.json("/api/v1/reviews/" + review, "manager"),
                        r -> Set.of("DONE", "FAILED").contains(r.get("status").asText()));
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("DONE");
        assertThat(done.get("runsDone").asInt()).isEqualTo(3).isEqualTo(done.get("runsTotal").asInt());
        assertThat(done.at("/kpis/as-it-happened/jobs").asDouble()).isEqualTo(MORNING.size());
        assertThat(done.at("/kpis/configured/decisions-reproduced").asDouble()).isEqualTo(1.0);
        assertThat(done.at("/kpis/minimize-travel/jobs").asDouble()).isEqualTo(MORNING.size());
        assertThat(done.at("/kpis/proposed/jobs").asDouble()).isEqualTo(MORNING.size());
        var html = client.get("/api/v1/reviews/" + review + "/report", "manager");
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.body()).contains("minimize-travel").contains("as-it-happened").contains("proposed");

        var unknownPolicy = client.post("/api/v1/reviews", "manager", "{\"from\": \"" + from + "\", \"to\": \""
                + to + "\", \"policies\": [\"fastest-ever\"]}");
        assertThat(unknownPolicy.statusCode()).isEqualTo(400);
        assertThat(unknownPolicy.body()).contains("policies[0]").contains("is not a policy");
        var secretSetting = client.post("/api/v1/reviews", "manager", "{\"from\": \"" + from + "\", \"to\": \""
                + to + "\", \"settings\": {\"spring.datasource.url\": \"jdbc:h2:mem:x\"}}");
        assertThat(secretSetting.statusCode()).isEqualTo(400);
        assertThat(secretSetting.body()).contains("settings.spring.datasource.url");
        var malformed = client.post("/api/v1/reviews", "manager", "{\"from\": \"yesterday\", \"to\": \"" + to
                + "\", \"weights\": 1}");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("\"from\"").contains("\"weights\"").contains("quarantine");
        assertThat(client.post("/api/v1/reviews", "dispatcher", "{}").statusCode()).isEqualTo(403);
    }

    private static JsonNode site(JsonNode roster, String customer) {
        for (JsonNode c : roster.get("customers")) {
            if (c.get("id").asText().equals(customer)) {
                return c.get("site");
            }
        }
        throw new IllegalArgumentException(customer);
    }

    private static String submit(GatewayClient client, String externalId, String customer, JsonNode site,
            String summary) {
        String body = """
                {"externalId": "%s", "source": "test", "customerId": "%s", "summary": "%s",
                 "location": {"address": "%s", "lat": %s, "lon": %s}}
                """.formatted(externalId, customer, summary, site.get("address").asText(),
                site.get("lat").asText(), site.get("lon").asText());
        return parse(client.post("/api/v1/jobs", "integration", body).body()).get("id").asText();
    }

    private static JsonNode decided(GatewayClient client, String id) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> client.json("/api/v1/jobs/" + id, "dispatcher"),
                job -> !UNDECIDED.contains(job.get("status").asText()));
    }

    private static String technician(GatewayClient client, String id) {
        return client.json("/api/v1/jobs/" + id, "dispatcher").at("/assignment/technicianId").asText();
    }

    private static void event(GatewayClient client, String id, String type, String more) {
        String body = "{\"type\": \"" + type + "\", \"technicianId\": \"" + technician(client, id) + "\""
                + (more == null ? "" : ", " + more) + "}";
        var response = client.post("/api/v1/jobs/" + id + "/events", "integration", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }
}
