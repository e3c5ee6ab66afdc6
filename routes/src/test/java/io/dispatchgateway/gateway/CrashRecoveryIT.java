package io.dispatchgateway.gateway;

import static io.dispatchgateway.gateway.GatewayClient.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded default through a real crash: the gateway runs in a child JVM on an H2 file, takes jobs from
 * concurrent clients, and is killed (SIGKILL, no shutdown hook) once a number of them were acknowledged. Started
 * again on the same data, it has every acknowledged job and decides every one of them; killed while it
 * optimizes the plans, it comes back with no half-applied proposal and can optimize again at once.
 */
class CrashRecoveryIT {

    private static final int ACKNOWLEDGED_BEFORE_KILL = 120;
    private static final Set<String> DECIDED = Set.of("ASSIGNED", "PENDING_APPROVAL", "ESCALATED");
    private static final String[] SUMMARIES = {"Furnace not heating", "Kitchen drain clogged", "AC not cooling",
            "Water heater leaking", "Breaker keeps tripping", "Annual maintenance inspection"};

    @TempDir
    Path dataDir;

    @Test
    void everyAcknowledgedJobSurvivesAKillAndIsDecidedAfterTheRestart() throws Exception {
        int port = freePort();
        Process first = start(port);
        ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
        try {
            GatewayClient client = awaitUp(port, first);
            AtomicBoolean killed = new AtomicBoolean();
            ExecutorService clients = Executors.newFixedThreadPool(6);
            for (int worker = 0; worker < 6; worker++) {
                int offset = worker;
                clients.submit(() -> {
                    for (int i = offset; !killed.get(); i += 6) {
                        try {
                            HttpResponse<String> response = client.post("/api/v1/jobs", "integration",
                                    GatewayClient.job("CRASH-" + i, "C-0128", SUMMARIES[i % SUMMARIES.length]));
                            if (response.statusCode() == 202) {
                                acknowledged.add(parse(response.body()).get("id").asText());
                            }
                        } catch (RuntimeException e) {
                            return; // the process is gone
                        }
                        if (acknowledged.size() >= ACKNOWLEDGED_BEFORE_KILL && killed.compareAndSet(false, true)) {
                            first.destroyForcibly();
                        }
                    }
                });
            }
            clients.shutdown();
            assertThat(clients.awaitTermination(2, TimeUnit.MINUTES)).isTrue();
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            first.destroyForcibly();
        }
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(ACKNOWLEDGED_BEFORE_KILL);

        Process second = start(port);
        try {
            GatewayClient client = awaitUp(port, second);
            List<String> missing = new ArrayList<>();
            for (String id : acknowledged) {
                if (client.get("/api/v1/jobs/" + id, "dispatcher").statusCode() != 200) {
                    missing.add(id);
                }
            }
            assertThat(missing).as("acknowledged jobs lost in the crash").isEmpty();
            // Jobs caught between two stages by the kill are sent on by the recovery; every one is decided.
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                List<String> waiting = new ArrayList<>();
                for (String id : acknowledged) {
                    String status = client.json("/api/v1/jobs/" + id, "dispatcher").get("status").asText();
                    if (!DECIDED.contains(status)) {
                        waiting.add(id + " " + status);
                    }
                }
                assertThat(waiting).isEmpty();
            });
        } finally {
            second.destroyForcibly();
            second.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aKillDuringAnOptimizationLeavesNoHalfAppliedPlanAndNoStuckLease() throws Exception {
        int port = freePort();
        Process first = start(port);
        List<String> ids = new ArrayList<>();
        Map<String, String> holders = new HashMap<>();
        try {
            GatewayClient client = awaitUp(port, first);
            for (int i = 0; i < 40; i++) {
                HttpResponse<String> response = client.post("/api/v1/jobs", "integration",
                        GatewayClient.job("OPT-" + i, "C-0" + (100 + i), SUMMARIES[i % SUMMARIES.length]));
                assertThat(response.statusCode()).isEqualTo(202);
                ids.add(parse(response.body()).get("id").asText());
            }
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() -> ids.stream()
                    .allMatch(id -> DECIDED.contains(client.json("/api/v1/jobs/" + id, "dispatcher").get("status")
                            .asText())));
            for (String id : ids) {
                holders.put(id, client.json("/api/v1/jobs/" + id, "dispatcher").at("/plan/technicianId").asText());
            }
            // A long optimization, killed while the solver works (it answers only when it is done).
            ExecutorService caller = Executors.newSingleThreadExecutor();
            caller.submit(() -> client.post("/api/v1/plans/optimize", "dispatcher", "{\"seconds\": 30}"));
            caller.shutdown();
            Thread.sleep(4_000);
            first.destroyForcibly();
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            first.destroyForcibly();
        }

        Process second = start(port);
        try {
            GatewayClient client = awaitUp(port, second);
            // No proposal, and every job where it was: the optimization wrote nothing before it was done.
            assertThat(client.json("/api/v1/plans/proposals", "dispatcher")).isEmpty();
            for (String id : ids) {
                JsonNode job = client.json("/api/v1/jobs/" + id, "dispatcher");
                assertThat(job.at("/plan/technicianId").asText()).as("plan of " + id).isEqualTo(holders.get(id));
                assertThat(job.get("audit").findValuesAsText("action")).doesNotContain("plan-optimized");
            }
            // The dead run's lease is gone at once (not after its 90 s): an optimization runs and is complete.
            HttpResponse<String> response = client.post("/api/v1/plans/optimize", "dispatcher", "{\"seconds\": 2}");
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode proposal = parse(response.body());
            for (JsonNode move : proposal.get("moves")) {
                assertThat(move.get("status").asText()).isIn(move.get("gated").asBoolean() ? "PENDING" : "APPLIED",
                        "STALE");
            }
        } finally {
            second.destroyForcibly();
            second.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private Process start(int port) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "io.dispatchgateway.gateway.DispatchGatewayApplication", "--spring.profiles.active=demo",
                "--server.port=" + port, "--gateway.data-dir=" + dataDir, "--gateway.planning.optimize=false",
                "--gateway.recovery.interval=2s", "--gateway.recovery.stalled-after=5s",
                "--logging.level.root=WARN", "--logging.level.io.dispatchgateway=WARN");
        builder.redirectErrorStream(true);
        builder.redirectOutput(dataDir.resolve("gateway-" + System.nanoTime() + ".log").toFile());
        return builder.start();
    }

    private static GatewayClient awaitUp(int port, Process process) {
        GatewayClient client = new GatewayClient(port);
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
            assertThat(process.isAlive()).as("the gateway process is running").isTrue();
            return client.get("/actuator/health", null).statusCode() == 200;
        });
        return client;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
