package io.dispatchgateway.gateway;

import static io.dispatchgateway.gateway.GatewayClient.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Two gateway processes on one PostgreSQL database and a KRaft broker with six partitions per topic, as the
 * README's "Scaling out" runs them; jobs are posted to both and one is killed (SIGKILL) half way. The survivor
 * takes over the dead one's partitions: every acknowledged job is there and decided, no job has two approvals,
 * nothing reaches Teams (a fake shared by both) twice, and no technician's day holds more than the daily
 * capacity. It prints how long dispatching paused after the kill.
 */
@EnabledIf(value = "postgresInstalled", disabledReason = "no PostgreSQL binaries under /usr/lib/postgresql:"
        + " install Debian's postgresql (.ci/run does) to run this test")
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(ChildGateways.LOCK)
class ScaleOutIT {

    private static final int JOBS = 400;
    private static final Set<String> DECIDED = Set.of("ASSIGNED", "PENDING_APPROVAL", "ESCALATED");
    private static final String[] TOPICS = {"dispatch.intake", "dispatch.jobs", "dispatch.classified",
            "dispatch.ranked", "dispatch.assignments"};
    private static final String[] SUMMARIES = {"Furnace not heating", "Kitchen drain clogged", "AC not cooling",
            "Water heater leaking", "Breaker keeps tripping", "Annual maintenance inspection"};
    private static final String[] CUSTOMERS = {"C-0128", "C-0131", "C-0140", "C-0150", "C-0170", "C-0200"};

    @TempDir
    Path work;

    static boolean postgresInstalled() {
        return LocalPostgres.binaries().isPresent();
    }

    @Test
    void killingOneOfTwoInstancesLosesNothingAndDuplicatesNothing() throws Exception {
        EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, 6, TOPICS);
        kafka.afterPropertiesSet();
        try (LocalPostgres postgres = LocalPostgres.start(LocalPostgres.binaries().orElseThrow());
                TeamsFake teams = new TeamsFake()) {
            int[] ports = {freePort(), freePort()};
            Process[] gateways = {start("a", ports[0], postgres, kafka, teams),
                start("b", ports[1], postgres, kafka, teams)};
            try {
                GatewayClient[] clients = {awaitUp(ports[0], gateways[0]), awaitUp(ports[1], gateways[1])};
                // The same job posted to both instances at once: one stores it, the other answers duplicate.
                ExecutorService pair = Executors.newFixedThreadPool(2);
                for (int d = 0; d < 20; d++) {
                    String body = GatewayClient.job("SCALE-DUP-" + d, CUSTOMERS[d % CUSTOMERS.length],
                            SUMMARIES[d % SUMMARIES.length]);
                    var first = pair.submit(() -> clients[0].post("/api/v1/jobs", "integration", body));
                    var second = pair.submit(() -> clients[1].post("/api/v1/jobs", "integration", body));
                    HttpResponse<String> a = first.get();
                    HttpResponse<String> b = second.get();
                    assertThat(List.of(a.statusCode(), b.statusCode())).as("answers to a duplicate pair")
                            .allMatch(code -> code == 200 || code == 202);
                    assertThat(parse(a.body()).get("id").asText()).isEqualTo(parse(b.body()).get("id").asText());
                    assertThat(List.of(parse(a.body()).path("duplicate").asBoolean(),
                            parse(b.body()).path("duplicate").asBoolean())).containsExactlyInAnyOrder(true, false);
                }
                pair.shutdown();
                ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
                AtomicInteger next = new AtomicInteger();
                AtomicReference<Instant> killedAt = new AtomicReference<>();
                Set<String> viaA = java.util.concurrent.ConcurrentHashMap.newKeySet();
                ExecutorService posters = Executors.newFixedThreadPool(4);
                for (int t = 0; t < 4; t++) {
                    posters.submit(() -> {
                        for (int i = next.getAndIncrement(); i < JOBS; i = next.getAndIncrement()) {
                            if (i == JOBS / 2) {
                                killedAt.set(Instant.now());
                                gateways[0].destroyForcibly(); // half way: instance a dies
                            }
                            String body = GatewayClient.job("SCALE-" + i, CUSTOMERS[i % CUSTOMERS.length],
                                    SUMMARIES[i % SUMMARIES.length]);
                            boolean toA = gateways[0].isAlive() && i % 2 == 0;
                            String id = post(toA ? clients[0] : clients[1], clients[1], body);
                            acknowledged.add(id);
                            if (toA && killedAt.get() == null) {
                                viaA.add(id);
                            }
                        }
                    });
                }
                posters.shutdown();
                assertThat(posters.awaitTermination(3, TimeUnit.MINUTES)).isTrue();
                assertThat(acknowledged).hasSize(JOBS);

                GatewayClient survivor = clients[1];
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                    List<String> waiting = new ArrayList<>();
                    for (String id : acknowledged) {
                        HttpResponse<String> job = survivor.get("/api/v1/jobs/" + id, "dispatcher");
                        String status = job.statusCode() == 200 ? parse(job.body()).get("status").asText() : "MISSING";
                        if (!DECIDED.contains(status)) {
                            waiting.add(id + " " + status);
                        }
                    }
                    assertThat(waiting).as("jobs not decided by the survivor").isEmpty();
                });

                try (Connection db = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), "")) {
                    assertThat(count(db, "SELECT COUNT(*) FROM job WHERE source = 'test'")).isEqualTo(JOBS + 20);
                    assertThat(count(db, "SELECT COUNT(*) FROM (SELECT job_id FROM approval GROUP BY job_id"
                            + " HAVING COUNT(*) > 1) twice")).as("jobs with two approvals").isZero();
                    assertThat(count(db, "SELECT COUNT(*) FROM (SELECT job_id FROM audit WHERE action = 'assigned'"
                            + " GROUP BY job_id HAVING COUNT(*) > 1) twice")).as("jobs assigned twice").isZero();
                    report(db, killedAt.get(), viaA);
                }
                // Nothing reached Teams twice, across the two instances (approval cards, escalations, packs).
                assertThat(teams.sentTwice()).as("sent twice").isEmpty();
                int capacity = 6;
                for (var technician : survivor.json("/api/v1/technicians?size=500", "dispatcher").get("items")) {
                    var plan = survivor.json("/api/v1/technicians/" + technician.get("id").asText() + "/plan",
                            "dispatcher");
                    int today = 0;
                    for (var visit : plan.get("visits")) {
                        today += visit.get("planned").asBoolean() ? 1 : 0;
                    }
                    assertThat(today).as("jobs of %s today", technician.get("id").asText())
                            .isLessThanOrEqualTo(capacity);
                }
            } finally {
                for (Process gateway : gateways) {
                    gateway.destroyForcibly();
                    gateway.waitFor(30, TimeUnit.SECONDS);
                }
            }
        } finally {
            kafka.destroy();
        }
    }

    /** Posts to {@code first}; when it is gone, to {@code fallback}, as a load balancer would. */
    private static String post(GatewayClient first, GatewayClient fallback, String body) {
        for (GatewayClient client : new GatewayClient[] {first, fallback, fallback}) {
            try {
                HttpResponse<String> response = client.post("/api/v1/jobs", "integration", body);
                if (response.statusCode() == 202 || response.statusCode() == 200) {
                    return parse(response.body()).get("id").asText();
                }
            } catch (RuntimeException e) {
                // this instance is gone: the next one
            }
        }
        throw new IllegalStateException("no instance took " + body);
    }

    /**
     * Prints how long dispatching paused around the kill (the longest gap between two decisions after it) and
     * when the last job was decided: figures, not assertions (tests do not assert wall-clock times).
     */
    private static void report(Connection db, Instant killedAt, Set<String> viaA) throws Exception {
        List<Instant> decisions = new ArrayList<>();
        Instant lastOfA = killedAt;
        try (ResultSet rs = db.createStatement().executeQuery("SELECT at, job_id FROM audit WHERE action IN"
                + " ('assigned', 'approval-requested', 'escalation-no-eligible-technician') ORDER BY at")) {
            while (rs.next()) {
                Instant at = rs.getObject(1, java.time.OffsetDateTime.class).toInstant();
                decisions.add(at);
                if (viaA.contains(rs.getString(2)) && at.isAfter(lastOfA)) {
                    lastOfA = at;
                }
            }
        }
        Duration longest = Duration.ZERO;
        Instant previous = killedAt;
        for (Instant decision : decisions) {
            if (decision.isAfter(killedAt)) {
                Duration gap = Duration.between(previous, decision);
                longest = gap.compareTo(longest) > 0 ? gap : longest;
                previous = decision;
            }
        }
        System.out.printf("ScaleOutIT: %d decisions; after the kill the longest pause between two was %.1f s, the"
                + " last of the jobs the killed instance had taken was decided %.1f s after it, the last of all"
                + " %.1f s after it%n", decisions.size(), longest.toMillis() / 1000.0,
                Duration.between(killedAt, lastOfA).toMillis() / 1000.0,
                Duration.between(killedAt, decisions.get(decisions.size() - 1)).toMillis() / 1000.0);
    }

    private static long count(Connection db, String sql) throws Exception {
        try (ResultSet rs = db.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private Process start(String name, int port, LocalPostgres postgres, EmbeddedKafkaKraftBroker kafka,
            TeamsFake teams) throws IOException {
        Path dataDir = Files.createDirectories(work.resolve(name));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx400m", "-cp", System.getProperty("java.class.path"),
                "io.dispatchgateway.gateway.DispatchGatewayApplication", "--spring.profiles.active=demo,kafka",
                "--server.port=" + port, "--gateway.data-dir=" + dataDir,
                "--spring.datasource.url=" + postgres.jdbcUrl(), "--spring.datasource.username=" + postgres.user(),
                "--spring.datasource.password=", "--camel.component.kafka.brokers=" + kafka.getBrokersAsString(),
                "--gateway.planning.optimize=false", "--gateway.recovery.interval=2s",
                "--gateway.recovery.stalled-after=20s", "--gateway.approval.close-call-margin=0",
                "--logging.level.root=WARN", "--logging.level.io.dispatchgateway=WARN"));
        // Plain demo passwords: the posting rate is not about password hashing.
        for (String user : List.of("integration", "dispatcher")) {
            command.add("--gateway.security.users." + user + ".password={noop}" + user);
        }
        command.addAll(teams.gatewayArguments());
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.redirectErrorStream(true);
        builder.redirectOutput(work.resolve(name + ".log").toFile());
        return builder.start();
    }

    private static GatewayClient awaitUp(int port, Process process) {
        GatewayClient client = new GatewayClient(port);
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> process.isAlive() && client.get("/actuator/health/readiness", null).statusCode() == 200);
        return client;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
