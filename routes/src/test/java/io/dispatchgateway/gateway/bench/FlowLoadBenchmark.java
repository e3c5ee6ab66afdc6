package io.dispatchgateway.gateway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dispatchgateway.core.model.AuditAction;
import io.dispatchgateway.core.model.AuditEntry;
import io.dispatchgateway.gateway.DispatchGatewayApplication;
import io.dispatchgateway.gateway.persistence.AuditLog;
import io.dispatchgateway.gateway.persistence.JobStore;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.component.seda.SedaEndpoint;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The whole flow under load, as an operator would try it: the gateway started on its embedded defaults (the
 * demo profile, seda between the stages, H2 in a scratch folder), jobs posted over HTTP with Basic credentials
 * at fixed offered rates by 48 concurrent clients, each rate for a while. Per rate it prints the intake answer's
 * latency (p50, p99, p99.9), the time from intake to the decision (the job's first ASSIGNED, approval request
 * or escalation in its audit: p50, p99), the sustained rate of decisions, and the deepest the stage queues got.
 *
 * <p>Run: {@code ./mvnw -B -pl routes -am -Pflow-benchmark verify -DskipTests} (arguments: rates, seconds per
 * rate).
 */
public final class FlowLoadBenchmark {

    private static final int CLIENTS = 48;
    private static final Set<String> DECISIONS = Set.of(AuditAction.ASSIGNED.wire(),
            AuditAction.APPROVAL_REQUESTED.wire(), AuditAction.ESCALATED.wire(),
            AuditAction.ESCALATION_NO_ELIGIBLE_TECHNICIAN.wire());
    private static final String[] SUMMARIES = {"Furnace not heating", "AC not cooling the office",
        "Water leak under the kitchen sink", "Internet down at the branch office", "Outlet not working in the lobby",
        "Drain clogged in the restroom", "Annual maintenance inspection", "Walk-in freezer warm"};

    private FlowLoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<Integer> rates = new ArrayList<>();
        for (String rate : (args.length > 0 ? args[0] : "50,100,200").split(",")) {
            rates.add(Integer.parseInt(rate.trim()));
        }
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Path data = Files.createTempDirectory("dispatch-flow-benchmark");
        ObjectMapper json = new ObjectMapper();
        JsonNode customers;
        try (InputStream in = FlowLoadBenchmark.class.getResourceAsStream("/demo/roster.json")) {
            customers = json.readTree(in).get("customers");
        }
        try (ConfigurableApplicationContext gateway = new SpringApplicationBuilder(DispatchGatewayApplication.class)
                .profiles("demo").run("--server.port=0", "--gateway.data-dir=" + data,
                        "--logging.level.root=WARN", "--spring.main.banner-mode=off")) {
            int port = Integer.parseInt(gateway.getEnvironment().getProperty("local.server.port"));
            System.out.printf(Locale.ROOT, "%n| offered jobs/s | sent | intake p50 | p99 | p99.9 | failed | decided "
                    + "| decision p50 | p99 | decided/s | deepest queue |%n|---:|---:|---:|---:|---:|---:|---:|---:|---:"
                    + "|---:|---:|%n");
            int batch = 0;
            List<String> storage = new ArrayList<>();
            JdbcClient db = JdbcClient.create(gateway.getBean(DataSource.class));
            for (int rate : rates) {
                long before = databaseBytes(data);
                Map<String, Long> h2Before = h2(db);
                Result result = run(gateway, port, rate, seconds, customers, "LOAD-" + (batch++) + "-");
                System.out.println(result.row());
                Map<String, Long> h2After = h2(db);
                double jobs = Math.max(1, result.sent());
                storage.add(String.format(Locale.ROOT, "| %d | %d | %.1f MB | %.1f MB | %.0f | %.0f kB | %s |", rate,
                        result.sent(), (databaseBytes(data) - before) / 1e6 * 1000 / jobs,
                        (live(h2After) - live(h2Before)) / 1e6 * 1000 / jobs,
                        (h2After.get("info.FILE_WRITE") - h2Before.get("info.FILE_WRITE")) / jobs,
                        (h2After.get("info.FILE_WRITE_BYTES") - h2Before.get("info.FILE_WRITE_BYTES")) / 1e3 / jobs,
                        documents(db, "LOAD-" + (batch - 1) + "-")));
            }
            System.out.printf(Locale.ROOT, "%n| offered jobs/s | jobs | file growth per 1,000 jobs | live data per "
                    + "1,000 jobs | H2 writes per job | written per job | mean stored size per job: %s |%n"
                    + "|---:|---:|---:|---:|---:|---:|---|%n", String.join(", ", DOCUMENTS));
            storage.forEach(System.out::println);
        } finally {
            org.springframework.util.FileSystemUtils.deleteRecursively(data); // gigabytes after a burst
        }
        System.exit(0); // the HTTP client's own threads would keep the benchmark's process alive
    }

    private record Result(int rate, int sent, List<Long> intakeMicros, int failed, List<Long> decisionMillis,
            double decidedPerSecond, int deepestQueue) {

        String row() {
            return String.format(Locale.ROOT, "| %d | %d | %s | %s | %s | %d | %d | %s | %s | %.0f | %d |", rate, sent,
                    ms(percentile(intakeMicros, 50) / 1000.0), ms(percentile(intakeMicros, 99) / 1000.0),
                    ms(percentile(intakeMicros, 99.9) / 1000.0), failed, decisionMillis.size(),
                    ms(percentile(decisionMillis, 50)), ms(percentile(decisionMillis, 99)), decidedPerSecond,
                    deepestQueue);
        }

        private static String ms(double millis) {
            return millis >= 1000 ? String.format(Locale.ROOT, "%.1f s", millis / 1000)
                    : String.format(Locale.ROOT, "%.1f ms", millis);
        }
    }

    private static Result run(ConfigurableApplicationContext gateway, int port, int rate, int seconds,
            JsonNode customers, String prefix) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).executor(clients).build();
        String auth = "Basic " + Base64.getEncoder().encodeToString("integration:integration"
                .getBytes(StandardCharsets.UTF_8));
        int total = rate * seconds;
        List<Long> intake = Collections.synchronizedList(new ArrayList<>());
        Map<String, Instant> accepted = new ConcurrentHashMap<>();
        AtomicInteger failed = new AtomicInteger();
        CountDownLatch answered = new CountDownLatch(total);
        SplittableRandom random = new SplittableRandom(rate);
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        ExecutorService senders = Executors.newFixedThreadPool(CLIENTS);
        AtomicInteger next = new AtomicInteger();
        int[] deepest = {0};
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        CamelContext camel = gateway.getBean(CamelContext.class);
        sampler.scheduleAtFixedRate(() -> deepest[0] = Math.max(deepest[0], queued(camel)), 0, 200,
                TimeUnit.MILLISECONDS);
        long periodNanos = 1_000_000_000L / rate;
        Instant started = Instant.now();
        pacer.scheduleAtFixedRate(() -> {
            int n = next.getAndIncrement();
            if (n >= total) {
                return;
            }
            JsonNode customer = customers.get(random.nextInt(customers.size()));
            String body = """
                    {"externalId": "%s%06d", "source": "load", "customerId": "%s", "summary": "%s",
                     "location": {"address": "%s", "lat": %s, "lon": %s}}""".formatted(prefix, n,
                    customer.get("id").asText(), SUMMARIES[n % SUMMARIES.length],
                    customer.at("/site/address").asText(), customer.at("/site/lat").asText(),
                    customer.at("/site/lon").asText());
            senders.execute(() -> {
                long sent = System.nanoTime();
                try {
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:"
                            + port + "/api/v1/jobs")).header("Authorization", auth)
                            .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    intake.add((System.nanoTime() - sent) / 1000);
                    if (response.statusCode() == 202) {
                        String id = response.body().replaceAll("(?s).*\"id\"\\s*:\\s*\"([^\"]+)\".*", "$1");
                        accepted.put(id, Instant.now());
                    } else {
                        failed.incrementAndGet();
                    }
                } catch (Exception e) {
                    failed.incrementAndGet();
                } finally {
                    answered.countDown();
                }
            });
        }, 0, periodNanos, TimeUnit.NANOSECONDS);
        answered.await(seconds + 120L, TimeUnit.SECONDS);
        pacer.shutdownNow();
        senders.shutdown();
        // The decisions: wait for the stages to drain (at most two minutes after the last job).
        JobStore jobs = gateway.getBean(JobStore.class);
        AuditLog audit = gateway.getBean(AuditLog.class);
        Instant drainUntil = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(drainUntil) && queued(camel) > 0) {
            Thread.sleep(200);
        }
        Thread.sleep(500);
        sampler.shutdownNow();
        clients.shutdownNow();
        List<Long> decision = new ArrayList<>();
        Instant last = started;
        for (String id : accepted.keySet()) {
            Instant received = jobs.find(id).map(j -> j.job().receivedAt()).orElse(null);
            Instant decided = audit.forJob(id).stream().filter(e -> DECISIONS.contains(e.action()))
                    .map(AuditEntry::at).findFirst().orElse(null);
            if (received != null && decided != null) {
                decision.add(Duration.between(received, decided).toMillis());
                last = decided.isAfter(last) ? decided : last;
            }
        }
        double window = Math.max(0.001, Duration.between(started, last).toMillis() / 1000.0);
        return new Result(rate, total, intake, failed.get(), decision, decision.size() / window, deepest[0]);
    }

    private static final List<String> DOCUMENTS = List.of("job", "classification", "recommendation", "assignment",
            "pack", "ranking snapshot (gzip)");

    /** H2's store counters ({@code info.FILE_WRITE}, {@code info.FILE_SIZE}, ...) now. */
    private static Map<String, Long> h2(JdbcClient db) {
        Map<String, Long> counters = new java.util.HashMap<>();
        db.sql("SELECT SETTING_NAME, SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME LIKE 'info.%'")
                .query((rs, n) -> {
                    try {
                        counters.put(rs.getString(1), Long.parseLong(rs.getString(2).trim()));
                    } catch (NumberFormatException notACounter) {
                        // the version and other text settings
                    }
                    return null;
                }).list();
        return counters;
    }

    /** The bytes of the store still in use: the file's size times the share of its chunks that is live. */
    private static double live(Map<String, Long> h2) {
        return h2.get("info.FILE_SIZE") * h2.get("info.CHUNKS_FILL_RATE") / 100.0;
    }

    /** The size of the embedded database's files now. */
    private static long databaseBytes(Path data) throws java.io.IOException {
        try (var files = Files.list(data)) {
            return files.filter(f -> f.getFileName().toString().startsWith("dispatch-gateway"))
                    .mapToLong(f -> f.toFile().length()).sum();
        }
    }

    /** The mean length of each document stored with the batch's jobs, in kB (of characters, of bytes compressed). */
    private static String documents(JdbcClient db, String prefix) {
        StringBuilder sizes = new StringBuilder();
        for (String column : DOCUMENTS) {
            String length = column.startsWith("ranking") ? "OCTET_LENGTH(s.body)" : "LENGTH(j." + column + ")";
            double mean = db.sql("SELECT COALESCE(AVG(CAST(" + length + " AS DOUBLE)), -1) FROM job j"
                    + " LEFT JOIN ranking_snapshot s ON s.job_id = j.id WHERE j.external_id LIKE ?")
                    .param(prefix + "%").query(Double.class).single();
            sizes.append(sizes.isEmpty() ? "" : ", ").append(mean < 0 ? "-"
                    : String.format(Locale.ROOT, "%.1f kB", mean / 1000));
        }
        return sizes.toString();
    }

    /** Exchanges waiting in the stage queues now. */
    private static int queued(CamelContext camel) {
        return camel.getEndpoints().stream().filter(SedaEndpoint.class::isInstance)
                .mapToInt(e -> ((SedaEndpoint) e).getCurrentQueueSize()).sum();
    }

    private static double percentile(List<Long> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
