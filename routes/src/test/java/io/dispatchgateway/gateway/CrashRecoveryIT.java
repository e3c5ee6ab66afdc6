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
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Random;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The embedded default through a real crash: the gateway runs in a child JVM on an H2 file with Teams (a fake)
 * as its channel, takes 1,000 jobs from concurrent clients, and is killed (SIGKILL, no shutdown hook) at a random
 * number of acknowledgements. Started again on the same data, it has every acknowledged job, decides every one,
 * and every approval card and dispatch pack reaches Teams once; killed while it
 * optimizes the plans, it comes back with no half-applied proposal and can optimize again at once.
 */
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(ChildGateways.LOCK)
class CrashRecoveryIT {

    private static final int JOBS = 1_000;
    private static final Set<String> DECIDED = Set.of("ASSIGNED", "PENDING_APPROVAL", "ESCALATED");
    private static final String[] SUMMARIES = {"Furnace not heating", "Kitchen drain clogged", "AC not cooling",
            "Water heater leaking", "Breaker keeps tripping", "Annual maintenance inspection"};

    @TempDir
    Path dataDir;

    @Test
    void everyAcknowledgedJobSurvivesAKillIsDecidedAfterTheRestartAndNoEffectIsSentTwice() throws Exception {
        long seed = System.currentTimeMillis();
        int killAfter = 250 + new Random(seed).nextInt(500);
        System.out.printf("CrashRecoveryIT: %d jobs, killed after %d acknowledgements (seed %d)%n", JOBS, killAfter,
                seed);
        int port = freePort();
        try (TeamsFake teams = new TeamsFake()) {
            Process first = start(port, teams);
            ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
            Instant killedAt;
            try {
                GatewayClient client = awaitUp(port, first);
                AtomicReference<Instant> kill = new AtomicReference<>();
                AtomicInteger next = new AtomicInteger();
                ExecutorService clients = Executors.newFixedThreadPool(6);
                for (int worker = 0; worker < 6; worker++) {
                    clients.submit(() -> {
                        for (int i = next.getAndIncrement(); i < JOBS && kill.get() == null; i = next.getAndIncrement()) {
                            try {
                                HttpResponse<String> response = client.post("/api/v1/jobs", "integration",
                                        GatewayClient.job("CRASH-" + i, String.format("C-%04d", 1 + i % 300),
                                                SUMMARIES[i % SUMMARIES.length]));
                                if (response.statusCode() == 202) {
                                    acknowledged.add(parse(response.body()).get("id").asText());
                                }
                            } catch (RuntimeException e) {
                                return; // the process is gone
                            }
                            if (acknowledged.size() >= killAfter && kill.compareAndSet(null, Instant.now())) {
                                first.destroyForcibly();
                            }
                        }
                    });
                }
                clients.shutdown();
                assertThat(clients.awaitTermination(3, TimeUnit.MINUTES)).isTrue();
                assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
                killedAt = kill.get();
            } finally {
                first.destroyForcibly();
            }
            assertThat(killedAt).isNotNull();
            assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(killAfter);

            Process second = start(port, teams);
            try {
                GatewayClient client = awaitUp(port, second);
                List<String> missing = new ArrayList<>();
                for (String id : acknowledged) {
                    if (client.get("/api/v1/jobs/" + id, "dispatcher").statusCode() != 200) {
                        missing.add(id);
                    }
                }
                assertThat(missing).as("acknowledged jobs lost in the crash").isEmpty();
                // Jobs caught between two stages by the kill are sent on by the recovery; every one is decided,
                // and every effect of a decision reaches Teams: each approval its card, each assignment its pack.
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                    Set<String> received = new HashSet<>();
                    teams.cards().forEach(card -> received.add(card.key()));
                    List<String> waiting = new ArrayList<>();
                    for (String id : acknowledged) {
                        JsonNode job = client.json("/api/v1/jobs/" + id, "dispatcher");
                        String status = job.get("status").asText();
                        if (!DECIDED.contains(status)) {
                            waiting.add(id + " " + status);
                        } else if (status.equals("PENDING_APPROVAL")
                                && !received.contains("approval " + job.at("/approval/id").asText())) {
                            waiting.add(id + " approval card");
                        } else if (status.equals("ASSIGNED") && !received.contains("pack " + id + " "
                                + job.at("/assignment/technicianId").asText())) {
                            waiting.add(id + " pack");
                        }
                    }
                    assertThat(waiting).isEmpty();
                });
                // Sent twice: only an effect Teams took in the moment before the kill, before it was marked.
                Map<String, Instant> twice = teams.sentTwice();
                System.out.printf("CrashRecoveryIT: %d acknowledged, %d cards, %d sent twice %s%n",
                        acknowledged.size(), teams.cards().size(), twice.size(), twice.keySet());
                twice.forEach((key, firstSent) -> assertThat(firstSent).as(key + " sent twice")
                        .isAfter(killedAt.minusSeconds(1)));
            } finally {
                second.destroyForcibly();
                second.waitFor(30, TimeUnit.SECONDS);
            }
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
        return start(port, null);
    }

    private Process start(int port, TeamsFake teams) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "io.dispatchgateway.gateway.DispatchGatewayApplication", "--spring.profiles.active=demo",
                "--server.port=" + port, "--gateway.data-dir=" + dataDir, "--gateway.planning.optimize=false",
                "--gateway.recovery.interval=2s", "--gateway.recovery.stalled-after=5s",
                "--logging.level.root=WARN", "--logging.level.io.dispatchgateway=WARN"));
        // Plain demo passwords: a thousand requests are not about password hashing.
        for (String user : List.of("integration", "dispatcher")) {
            command.add("--gateway.security.users." + user + ".password={noop}" + user);
        }
        if (teams != null) {
            command.addAll(teams.gatewayArguments());
        }
        ProcessBuilder builder = new ProcessBuilder(command);
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
