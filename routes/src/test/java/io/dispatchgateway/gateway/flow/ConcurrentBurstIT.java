package io.dispatchgateway.gateway.flow;

import static io.dispatchgateway.gateway.GatewayClient.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dispatchgateway.gateway.GatewayClient;
import io.dispatchgateway.gateway.MondayMorningClock;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A burst of jobs posted by concurrent clients and ranked by concurrent consumers, on the demo roster: once every
 * job is decided or waits for a person, no technician's plan holds two visits at once, no day is over the daily
 * capacity, every assigned job's committed ETA is its plan's arrival, the read-back shows each job's place and the
 * pack lists the technician's next jobs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
@Import(MondayMorningClock.class)
class ConcurrentBurstIT {

    private static final int JOBS = 48;
    private static final Set<String> WAITING = Set.of("ASSIGNED", "PENDING_APPROVAL", "ESCALATED");
    private static final String[] SUMMARIES = {"Furnace not heating", "Kitchen drain clogged", "AC not cooling",
            "Water heater leaking", "Thermostat not responding", "Toilet keeps running"};

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("gateway.data-dir", () -> dataDir.toString());
        // The burst would start the plan optimizer; its own IT covers it, and here the plans stay the ranking's.
        registry.add("gateway.planning.optimize", () -> "false");
        // Four consumers per stage: rankings of jobs for the same technicians run at the same time.
        for (String stage : new String[] {"classified", "ranked", "assignments"}) {
            registry.add("gateway.endpoints." + stage,
                    () -> "seda:gateway." + stage + "?size=10000&concurrentConsumers=4");
        }
    }

    @LocalServerPort
    int port;

    @Value("${gateway.ranking.daily-capacity}")
    int dailyCapacity;

    @Test
    void aConcurrentBurstLeavesNoPlanOverlappingOrOverCapacity() throws Exception {
        GatewayClient client = new GatewayClient(port);
        List<String> customers = roster("customers");
        Random random = new Random(7);
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < JOBS; i++) {
            double lat = 39.74 + (random.nextDouble() - 0.5) * 0.25;
            double lon = -104.99 + (random.nextDouble() - 0.5) * 0.3;
            String window = i % 4 == 0 ? """
                    , "arrivalWindow": {"start": "%s", "end": "%s"}""".formatted(
                    MondayMorningClock.START.plus(Duration.ofHours(2)), MondayMorningClock.START.plus(Duration.ofHours(5)))
                    : "";
            bodies.add(String.format(Locale.ROOT, """
                    {"externalId": "BURST-%d", "source": "test", "customerId": "%s", "summary": "%s",
                     "location": {"address": "Burst site %d, Denver, CO", "lat": %.5f, "lon": %.5f}%s}""",
                    i, customers.get(random.nextInt(customers.size())), SUMMARIES[i % SUMMARIES.length], i, lat, lon,
                    window));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<String>> posted = new ArrayList<>();
        for (String body : bodies) {
            posted.add(pool.submit(() -> {
                var response = client.post("/api/v1/jobs", "integration", body);
                assertThat(response.statusCode()).isEqualTo(202);
                return parse(response.body()).get("id").asText();
            }));
        }
        List<String> ids = new ArrayList<>();
        for (Future<String> future : posted) {
            ids.add(future.get());
        }
        pool.shutdown();
        Map<String, JsonNode> decided = new ConcurrentHashMap<>();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
            for (String id : ids) {
                if (!decided.containsKey(id)) {
                    JsonNode job = client.json("/api/v1/jobs/" + id, "dispatcher");
                    if (WAITING.contains(job.get("status").asText())) {
                        decided.put(id, job);
                    }
                }
            }
            return decided.size() == ids.size();
        });

        Map<String, List<JsonNode>> committedByTechnician = new HashMap<>();
        int planned = 0;
        LocalDate today = LocalDate.ofInstant(MondayMorningClock.START, ZoneId.of("America/Denver"));
        for (String technician : roster("technicians")) {
            for (int day = 0; day < 3; day++) {
                JsonNode plan = client.json("/api/v1/technicians/" + technician + "/plan?date=" + today.plusDays(day),
                        "dispatcher");
                JsonNode previous = null;
                int onDay = 0;
                for (JsonNode visit : plan.get("visits")) {
                    if (!visit.get("planned").asBoolean()) {
                        continue;
                    }
                    onDay++;
                    planned++;
                    if (previous != null) {
                        assertThat(instant(visit, "arrival")).as("%s arrives at %s before finishing %s",
                                technician, visit.at("/visit/jobId").asText(), previous.at("/visit/jobId").asText())
                                .isAfterOrEqualTo(instant(previous, "finish"));
                    }
                    previous = visit;
                    if (ids.contains(visit.at("/visit/jobId").asText())
                            && "ASSIGNED".equals(visit.at("/visit/state").asText())) {
                        committedByTechnician.computeIfAbsent(technician, t -> new ArrayList<>()).add(visit);
                    }
                }
                assertThat(onDay).as("%s on %s", technician, today.plusDays(day)).isLessThanOrEqualTo(dailyCapacity);
            }
        }
        assertThat(planned).isGreaterThanOrEqualTo(JOBS / 2);

        // Every assigned job is committed to its plan's arrival, and its read-back shows where it stands; the
        // commitments as stored never overlap (each arrival after the previous job's committed arrival plus work).
        JsonNode second = null;
        String firstOfTwo = null;
        for (var entry : committedByTechnician.entrySet()) {
            List<JsonNode> visits = entry.getValue();
            List<Instant[]> commitments = new ArrayList<>();
            for (int i = 0; i < visits.size(); i++) {
                JsonNode visit = visits.get(i);
                String jobId = visit.at("/visit/jobId").asText();
                JsonNode live = client.json("/api/v1/jobs/" + jobId + "/live", "dispatcher").get("live");
                assertThat(Duration.between(instant(visit, "arrival"), Instant.parse(live.get("eta").asText())).abs())
                        .as("committed ETA of %s", jobId).isLessThanOrEqualTo(Duration.ofMinutes(1));
                JsonNode readBack = client.json("/api/v1/jobs/" + jobId, "dispatcher");
                Instant eta = Instant.parse(live.get("eta").asText());
                commitments.add(new Instant[] {eta,
                        eta.plus(Duration.parse(readBack.at("/classification/estimatedDuration").asText()))});
                assertThat(readBack.at("/plan/technicianId").asText()).isEqualTo(entry.getKey());
                assertThat(readBack.at("/plan/visit/visit/jobId").asText()).isEqualTo(jobId);
                assertThat(readBack.at("/plan/position").asInt()).isBetween(1, readBack.at("/plan/of").asInt());
                if (i == 1 && second == null) {
                    firstOfTwo = visits.get(0).at("/visit/jobId").asText();
                    second = visit;
                }
            }
            commitments.sort((a, b) -> a[0].compareTo(b[0]));
            for (int i = 1; i < commitments.size(); i++) {
                assertThat(commitments.get(i)[0]).as("committed arrivals of %s", entry.getKey())
                        .isAfterOrEqualTo(commitments.get(i - 1)[1]);
            }
        }
        assertThat(second).as("a technician with two assigned jobs").isNotNull();
        JsonNode pack = client.json("/api/v1/packs/" + firstOfTwo, "dispatcher");
        assertThat(pack.get("nextJobs").findValuesAsText("jobId")).contains(second.at("/visit/jobId").asText());
    }

    private static Instant instant(JsonNode visit, String field) {
        return Instant.parse(visit.get(field).asText());
    }

    private static List<String> roster(String section) throws Exception {
        try (InputStream in = ConcurrentBurstIT.class.getResourceAsStream("/demo/roster.json")) {
            List<String> ids = new ArrayList<>();
            JsonNode roster = parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            for (JsonNode node : roster.get(section)) {
                if (!"customers".equals(section) || !"PLATINUM".equals(node.get("tier").asText())) {
                    ids.add(node.get("id").asText());
                }
            }
            return ids;
        }
    }
}
