package io.dispatchgateway.gateway.simulation;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dispatchgateway.core.intake.FieldProblem;
import io.dispatchgateway.core.port.TechnicianDirectory;
import io.dispatchgateway.gateway.dispatch.InvalidRequestException;
import io.dispatchgateway.gateway.kpi.KpiFacts;
import io.dispatchgateway.gateway.settings.GatewayProperties;
import jakarta.annotation.PreDestroy;
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
 * {@code <data-dir>/reviews/<id>/}, the newest {@link #KEPT} kept. Reviews are known in memory: a restart
 * forgets them all (their reports stay in their folders until removed).
 */
@Component
@Profile("!simulation")
public class Reviews {

    private static final Logger LOG = LoggerFactory.getLogger(Reviews.class);
    /** The longest period one review replays. */
    static final Duration LONGEST = Duration.ofDays(31);
    /** The earliest a period may start: nothing is older (and times far off are refused, not sent to the store). */
    static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    /** The latest a period may end (a time past it is refused, not sent to the store). */
    static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");
    /** How many finished reviews are kept. */
    static final int KEPT = 20;
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

    /** A review is queued or running already: one at a time. */
    public static class BusyException extends RuntimeException {
        BusyException(String running) {
            super("review " + running + " is still running; one review runs at a time");
        }
    }

    /** Queues a review; its progress is read with {@link #find}. */
    public synchronized Review start(Request request, String user) {
        List<FieldProblem> problems = check(request);
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        reviews.values().stream().filter(r -> r.status() == Status.QUEUED || r.status() == Status.RUNNING)
                .findFirst().ifPresent(r -> {
                    throw new BusyException(r.id());
                });
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
        forgetOld();
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
        Path report = folder(id).resolve("report.html");
        if (!Files.isReadable(report)) {
            throw new NoSuchElementException("the report of review " + id + " is no longer in " + folder(id));
        }
        return report;
    }

    /** Keeps the newest {@link #KEPT} reviews (and their reports); older ones are forgotten and removed. */
    private void forgetOld() {
        List<Review> finished = reviews.values().stream().filter(r -> r.finishedAt() != null)
                .sorted(java.util.Comparator.comparing(Review::finishedAt)).toList();
        for (int i = 0; i < finished.size() - KEPT + 1; i++) {
            reviews.remove(finished.get(i).id());
            Simulate.delete(folder(finished.get(i).id()));
        }
    }

    private void run(Review queued, Map<String, String> settings) {
        Review review = update(queued, Status.RUNNING, 0, Map.of(), null);
        reviews.put(review.id(), review);
        List<RunResult> results = new ArrayList<>();
        String previousLogging = System.getProperty(LOGGING_SYSTEM);
        Path file = folder(review.id()).resolve("recording.json");
        try {
            Files.createDirectories(file.getParent());
            Recording recording = export.export(review.from(), review.to());
            json.writeValue(file.toFile(), recording);
            List<String> replayed = review.variants().stream().filter(v -> !Simulate.PROPOSED.equals(v)).toList();
            Simulate.Options options = new Simulate.Options(null, file, replayed, review.seeds(), 1,
                    folder(review.id()).resolve("report.html"), null, Map.of());
            // The replays' gateways leave this one's logging as it is.
            System.setProperty(LOGGING_SYSTEM, "none");
            results.add(asItHappened(recording));
            Simulate.Input input = Simulate.Input.of(options);
            java.util.function.Consumer<RunResult> progress = result -> reviews.put(review.id(),
                    update(review, Status.RUNNING, results.size() - 1, means(results), null));
            java.util.function.Consumer<RunResult> kept = result -> {
                results.add(result);
                progress.accept(result);
            };
            Simulate.run(options, input, kept);
            if (review.variants().contains(Simulate.PROPOSED)) {
                // The period under the proposed settings; the other variants replay it as it was set.
                Simulate.Options proposed = new Simulate.Options(null, file, List.of(Simulate.PROPOSED),
                        review.seeds(), 1, options.report(), null, settings);
                Simulate.run(proposed, input, kept);
            }
            SimulationReport.write(options.report(), input.scenario(), results);
            reviews.put(review.id(), finish(update(review, Status.DONE, results.size() - 1, means(results), null)));
        } catch (Exception | Error e) {
            LOG.warn("review {} failed", review.id(), e);
            reviews.put(review.id(), finish(update(review, Status.FAILED, Math.max(0, results.size() - 1),
                    means(results), "the review failed (" + e.getClass().getSimpleName() + "); the gateway's log"
                    + " has the details")));
        } finally {
            if (previousLogging == null) {
                System.clearProperty(LOGGING_SYSTEM);
            } else {
                System.setProperty(LOGGING_SYSTEM, previousLogging);
            }
            // The recording holds customers' and technicians' data: only the report stays.
            file.toFile().delete();
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
        return SimulationReport.meansByVariant(results);
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
        if (request.from() != null && request.from().isBefore(EARLIEST)) {
            problems.add(new FieldProblem("from", "must not be before " + EARLIEST));
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
        if (request.seeds() != null && (request.seeds() < 1 || request.seeds() > 5)) {
            problems.add(new FieldProblem("seeds", "must be 1 to 5"));
        }
        List<String> policies = request.policies() == null ? List.of() : request.policies();
        if (policies.size() > 4) {
            problems.add(new FieldProblem("policies", "at most 4 besides the configured one"));
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
