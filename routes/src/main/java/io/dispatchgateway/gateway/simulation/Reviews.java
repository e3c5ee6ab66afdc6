package io.dispatchgateway.gateway.simulation;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dispatchgateway.core.intake.FieldProblem;
import io.dispatchgateway.core.port.TechnicianDirectory;
import io.dispatchgateway.gateway.dispatch.InvalidRequestException;
import io.dispatchgateway.gateway.kpi.KpiFacts;
import io.dispatchgateway.gateway.settings.GatewayProperties;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The weekly routing review: a recorded period of this gateway replayed in the background, under its own
 * settings and under the weights or policies proposed, next to the period as it happened. One review runs at a
 * time (each run is a whole gateway on a scratch database); the report is written to
 * {@code <data-dir>/reviews/<id>/}. Reviews are kept in memory: a restart forgets those not finished.
 */
@Component
@Profile("!simulation")
public class Reviews {

    private static final Logger LOG = LoggerFactory.getLogger(Reviews.class);
    /** The longest period one review replays. */
    static final Duration LONGEST = Duration.ofDays(31);
    static final String AS_IT_HAPPENED = "as-it-happened";
    private static final Pattern VARIANT = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Pattern SETTING = Pattern.compile("gateway\\.(ranking|planning|approval|classification|"
            + "operations)\\.[A-Za-z0-9.\\[\\]-]{1,200}");

    /**
     * What to review.
     *
     * @param policies the variants to replay besides the period under its own settings ({@code configured}):
     *     policy names, or {@code per-job} and {@code nearest-free}
     * @param settings the proposal: gateway settings (say, other weights) of one more variant, {@code proposed}
     */
    public record Request(Instant from, Instant to, List<String> policies, Integer seeds,
            Map<String, String> settings) {}

    /** A review and how far it is; {@code kpis} holds each variant's mean KPIs once its runs are done. */
    public record Review(String id, Status status, String requestedBy, Instant requestedAt, Instant from,
            Instant to, List<String> variants, int seeds, int runsDone, int runsTotal,
            Map<String, Map<String, Double>> kpis, String error, Instant finishedAt) {}

    public enum Status { QUEUED, RUNNING, DONE, FAILED }

    private final RecordingExport export;
    private final KpiFacts facts;
    private final TechnicianDirectory technicians;
    private final GatewayProperties properties;
    private final ObjectMapper json;
    private final Clock clock;
    private final Map<String, Review> reviews = new ConcurrentHashMap<>();
    private final ExecutorService runner = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "review");
        thread.setDaemon(true);
        return thread;
    });

    public Reviews(RecordingExport export, KpiFacts facts, TechnicianDirectory technicians,
            GatewayProperties properties, ObjectMapper json, Clock clock) {
        this.export = export;
        this.facts = facts;
        this.technicians = technicians;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    /** Queues a review; its progress is read with {@link #find}. */
    public Review start(Request request, String user) {
        List<FieldProblem> problems = check(request);
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        List<String> variants = new ArrayList<>(List.of(Simulate.CONFIGURED));
        if (request.policies() != null) {
            request.policies().stream().filter(p -> !variants.contains(p)).forEach(variants::add);
        }
        if (request.settings() != null && !request.settings().isEmpty()) {
            variants.add(Simulate.PROPOSED);
        }
        int seeds = request.seeds() == null ? 1 : request.seeds();
        String id = "R-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        Review queued = new Review(id, Status.QUEUED, user, clock.instant(), request.from(), request.to(),
                List.copyOf(variants), seeds, 0, variants.size() * seeds, Map.of(), null, null);
        reviews.put(id, queued);
        Map<String, String> settings = request.settings() == null ? Map.of() : Map.copyOf(request.settings());
        runner.submit(() -> run(queued, settings));
        return queued;
    }

    public Optional<Review> find(String id) {
        return Optional.ofNullable(reviews.get(id));
    }

    /** The review's HTML report, once it is done. */
    public Path report(String id) {
        Review review = find(id).orElseThrow(() -> new NoSuchElementException("no review with id '" + id + "'"));
        if (review.status() != Status.DONE) {
            throw new NoSuchElementException("review " + id + " has no report yet: it is " + review.status());
        }
        return folder(id).resolve("report.html");
    }

    private void run(Review queued, Map<String, String> settings) {
        Review review = update(queued, Status.RUNNING, 0, Map.of(), null);
        String previousLogging = System.getProperty(LOGGING_SYSTEM);
        try {
            Path folder = Files.createDirectories(folder(review.id()));
            Recording recording = export.export(review.from(), review.to());
            Path file = folder.resolve("recording.json");
            json.writeValue(file.toFile(), recording);
            List<String> replayed = review.variants().stream().filter(v -> !Simulate.PROPOSED.equals(v)).toList();
            Simulate.Options options = new Simulate.Options(null, file, replayed, review.seeds(), 1,
                    folder.resolve("report.html"), null, Map.of());
            // The replays' gateways leave this one's logging as it is.
            System.setProperty(LOGGING_SYSTEM, "none");
            List<RunResult> results = new ArrayList<>();
            results.add(asItHappened(recording));
            Simulate.Input input = Simulate.Input.of(options);
            int[] done = {0};
            Map<String, Map<String, Double>> kpis = new LinkedHashMap<>();
            kpis.put(AS_IT_HAPPENED, results.get(0).kpis().named());
            Review running = review;
            java.util.function.Consumer<RunResult> progress = result -> {
                done[0]++;
                kpis.put(result.variant(), result.kpis().named());
                reviews.put(running.id(), update(running, Status.RUNNING, done[0], kpis, null));
            };
            results.addAll(Simulate.run(options, input, progress));
            if (review.variants().contains(Simulate.PROPOSED)) {
                // The period under the proposed settings; the other variants replay it as it was set.
                Simulate.Options proposed = new Simulate.Options(null, file, List.of(Simulate.PROPOSED),
                        review.seeds(), 1, options.report(), null, settings);
                results.addAll(Simulate.run(proposed, input, progress));
            }
            SimulationReport.write(options.report(), input.scenario(), results);
            reviews.put(review.id(), finish(update(review, Status.DONE, done[0], means(results), null)));
        } catch (IOException | RuntimeException e) {
            LOG.warn("review {} failed: {}", review.id(), e.toString());
            reviews.put(review.id(), finish(update(review, Status.FAILED, review.runsDone(), review.kpis(),
                    e.getMessage())));
        } finally {
            if (previousLogging == null) {
                System.clearProperty(LOGGING_SYSTEM);
            } else {
                System.setProperty(LOGGING_SYSTEM, previousLogging);
            }
        }
    }

    private static final String LOGGING_SYSTEM = "org.springframework.boot.logging.LoggingSystem";

    /** The period as it happened here, from this gateway's own job facts. */
    private RunResult asItHappened(Recording recording) {
        List<String> active = technicians.all().stream().filter(t -> !Boolean.FALSE.equals(t.active()))
                .map(t -> t.id()).toList();
        return RunResult.of(AS_IT_HAPPENED, 0, facts.between(recording.from(), recording.to()), active, Map.of(),
                properties.zone(), 0, 0, null);
    }

    private static Map<String, Map<String, Double>> means(List<RunResult> results) {
        Map<String, Map<String, Double>> means = new LinkedHashMap<>();
        Map<String, Integer> runs = new LinkedHashMap<>();
        results.forEach(r -> runs.merge(r.variant(), 1, Integer::sum));
        for (RunResult result : results) {
            Map<String, Double> mean = means.computeIfAbsent(result.variant(), v -> new LinkedHashMap<>());
            int n = runs.get(result.variant());
            result.kpis().named().forEach((k, v) -> mean.merge(k, v / n, Double::sum));
        }
        return means;
    }

    private Review update(Review r, Status status, int done, Map<String, Map<String, Double>> kpis, String error) {
        return new Review(r.id(), status, r.requestedBy(), r.requestedAt(), r.from(), r.to(), r.variants(),
                r.seeds(), done, r.runsTotal(), Map.copyOf(new LinkedHashMap<>(kpis)), error, r.finishedAt());
    }

    private Review finish(Review r) {
        return new Review(r.id(), r.status(), r.requestedBy(), r.requestedAt(), r.from(), r.to(), r.variants(),
                r.seeds(), r.runsDone(), r.runsTotal(), r.kpis(), r.error(), clock.instant());
    }

    private Path folder(String id) {
        return properties.dataDir().resolve("reviews").resolve(id);
    }

    private List<FieldProblem> check(Request request) {
        List<FieldProblem> problems = new ArrayList<>();
        if (request.from() == null) {
            problems.add(new FieldProblem("from", "is required (the period's start, ISO time)"));
        }
        if (request.to() == null) {
            problems.add(new FieldProblem("to", "is required (the period's end, ISO time)"));
        }
        if (request.from() != null && request.to() != null) {
            if (!request.from().isBefore(request.to())) {
                problems.add(new FieldProblem("to", "must be after from"));
            } else if (Duration.between(request.from(), request.to()).compareTo(LONGEST) > 0) {
                problems.add(new FieldProblem("to", "a review replays at most 31 days"));
            }
            if (request.to().isAfter(clock.instant())) {
                problems.add(new FieldProblem("to", "must not be in the future"));
            }
        }
        if (request.seeds() != null && (request.seeds() < 1 || request.seeds() > 10)) {
            problems.add(new FieldProblem("seeds", "must be 1 to 10"));
        }
        List<String> policies = request.policies() == null ? List.of() : request.policies();
        if (policies.size() > 5) {
            problems.add(new FieldProblem("policies", "at most 5 besides the configured one"));
        }
        for (int i = 0; i < policies.size(); i++) {
            if (policies.get(i) == null || !VARIANT.matcher(policies.get(i)).matches()) {
                problems.add(new FieldProblem("policies[" + i + "]", "must be a policy name (lower-case letters,"
                        + " digits and dashes), per-job or nearest-free"));
            } else if (!knownVariant(policies.get(i))) {
                problems.add(new FieldProblem("policies[" + i + "]", "'" + policies.get(i) + "' is not a policy"
                        + " of this gateway (" + String.join(", ", properties.ranking().policies().keySet())
                        + "), per-job or nearest-free"));
            }
        }
        if (request.settings() != null) {
            request.settings().forEach((key, value) -> {
                if (key == null || !SETTING.matcher(key).matches()) {
                    problems.add(new FieldProblem("settings." + key, "only gateway.ranking, planning, approval,"
                            + " classification and operations settings can be changed in a review"));
                } else if (value == null || value.length() > 500) {
                    problems.add(new FieldProblem("settings." + key, "needs a value of at most 500 characters"));
                }
            });
        }
        return problems;
    }

    private boolean knownVariant(String variant) {
        return Simulate.PER_JOB.equals(variant) || Simulate.NEAREST_FREE.equals(variant)
                || Simulate.CONFIGURED.equals(variant) || properties.ranking().policies().containsKey(variant);
    }

    @PreDestroy
    void stop() {
        runner.shutdownNow();
    }
}
