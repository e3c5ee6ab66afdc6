package io.dispatchgateway.gateway.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dispatchgateway.core.model.Ids;
import io.dispatchgateway.gateway.DispatchGatewayApplication;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The {@code simulate} command: one scenario under several policies and the baselines, with several seeds, each
 * run a fresh gateway on its own scratch database and virtual clock; then the report.
 *
 * <pre>
 * java -jar routes/target/dispatch-gateway-0.1.0-SNAPSHOT.jar simulate --scenario examples/scenarios/telecom-day.yml \
 *     --policies configured,minimize-travel --seeds 3 --report target/simulation/report.html
 * </pre>
 */
public final class Simulate {

    /** The gateway as configured, with the plan optimizer. */
    public static final String CONFIGURED = "configured";
    /** A review's proposal: the gateway as configured, with the settings the review proposes. */
    public static final String PROPOSED = "proposed";
    /** Baseline: the per-job ranking as configured, without the optimizer. */
    public static final String PER_JOB = "per-job";
    /** Baseline: a dispatcher sends the nearest free qualified technician, first come first served. */
    public static final String NEAREST_FREE = "nearest-free";

    /**
     * What to run: a generated {@code scenario}, or a {@code recording} of the gateway's own history (exported
     * by {@code GET /api/v1/reviews/recording}).
     */
    public record Options(Path scenario, Path recording, List<String> variants, int seeds, long firstSeed,
            Path report, Long optimizerMoves, Map<String, String> properties) {

        public Options {
            variants = List.copyOf(variants);
            properties = Map.copyOf(properties);
        }

        private static final java.util.Set<String> OPTIONS = java.util.Set.of("--scenario", "--recording",
                "--policies", "--baselines", "--seeds", "--seed", "--report", "--optimizer-moves");

        static Options parse(String[] args) {
            Path scenario = null;
            Path recording = null;
            List<String> policies = new ArrayList<>(List.of(CONFIGURED));
            List<String> baselines = new ArrayList<>(List.of(PER_JOB, NEAREST_FREE));
            int seeds = 3;
            long first = 1;
            Path report = Path.of("target", "simulation", "report.html");
            Long moves = null;
            Map<String, String> properties = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                String value;
                if (arg.startsWith("--") && arg.contains("=")) {
                    String[] kv = arg.split("=", 2);
                    if (!OPTIONS.contains(kv[0])) {
                        properties.put(kv[0].substring(2), kv[1]);
                        continue;
                    }
                    arg = kv[0]; // --seeds=5 as --seeds 5
                    value = kv[1];
                } else {
                    value = i + 1 < args.length ? args[i + 1] : null;
                    if (value == null) {
                        throw new IllegalArgumentException(arg + " needs a value");
                    }
                    i++;
                }
                switch (arg) {
                    case "--scenario" -> scenario = Path.of(value);
                    case "--recording" -> recording = Path.of(value);
                    case "--policies" -> policies = List.of(value.split(","));
                    case "--baselines" -> baselines = value.isBlank() || value.equals("none") ? List.of()
                            : List.of(value.split(","));
                    case "--seeds" -> seeds = Integer.parseInt(value);
                    case "--seed" -> first = Long.parseLong(value);
                    case "--report" -> report = Path.of(value);
                    case "--optimizer-moves" -> moves = Long.parseLong(value);
                    default -> throw new IllegalArgumentException("unknown option " + arg + " (known: --scenario,"
                            + " --recording, --policies, --baselines, --seeds, --seed, --report, --optimizer-moves,"
                            + " --<gateway property>=<value>)");
                }
            }
            if ((scenario == null) == (recording == null)) {
                throw new IllegalArgumentException("name a --scenario (e.g. examples/scenarios/telecom-day.yml)"
                        + " or a --recording (exported by GET /api/v1/reviews/recording), one of the two");
            }
            List<String> variants = new ArrayList<>(policies);
            baselines.stream().filter(b -> !variants.contains(b)).forEach(variants::add);
            return new Options(scenario, recording, variants, Math.max(1, seeds), first, report, moves, properties);
        }
    }

    /**
     * What every run is held to, as arguments (they win over the environment and the configuration files): the
     * pipeline on {@code direct:} endpoints on the simulation's thread, Camel's routes and timers stopped (the
     * simulator runs their work), no vendor system reached (approval cards, ServiceTitan, Power BI, routed
     * maps), the offline travel-time model.
     */
    static final Map<String, Object> CONTAINED = Map.ofEntries(
            Map.entry("camel.main.auto-startup", false),
            Map.entry("gateway.endpoints.intake", "direct:gateway.intake"),
            Map.entry("gateway.endpoints.jobs", "direct:gateway.jobs"),
            Map.entry("gateway.endpoints.classified", "direct:gateway.classified"),
            Map.entry("gateway.endpoints.ranked", "direct:gateway.ranked"),
            Map.entry("gateway.endpoints.assignments", "direct:gateway.assignments"),
            Map.entry("gateway.adapters.teams.enabled", false),
            Map.entry("gateway.adapters.servicetitan.enabled", false),
            Map.entry("gateway.adapters.powerbi.enabled", false),
            Map.entry("gateway.adapters.maps.provider", "offline"));

    private Simulate() {
    }

    public static void main(String[] args) {
        Options options;
        Input input;
        try {
            options = Options.parse(args);
            input = Input.of(options);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            System.err.println("simulate: " + e.getMessage());
            System.exit(2);
            return;
        }
        List<RunResult> results = run(options, input);
        SimulationReport.write(options.report(), input.scenario(), results);
        System.out.println(SimulationReport.table(results));
        System.out.println("report: " + options.report().toAbsolutePath());
    }

    /**
     * What a run plays: a scenario, and for a replay the recording (typed, and as read, so its roster and jobs
     * are handed to the gateway as they were written).
     */
    record Input(Scenario scenario, Recording recording, JsonNode recorded) {

        static Input of(Options options) {
            if (options.recording() == null) {
                return new Input(Scenario.read(options.scenario()), null, null);
            }
            ObjectMapper json = reader();
            try {
                JsonNode tree = json.readTree(options.recording().toFile());
                Recording recording = json.treeToValue(tree, Recording.class);
                if (recording.version() != Recording.VERSION) {
                    throw new IllegalArgumentException("recording " + options.recording() + " is version "
                            + recording.version() + "; this gateway reads version " + Recording.VERSION);
                }
                return new Input(Scenario.recorded(recording), recording, tree);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the recording " + options.recording() + ": "
                        + e.getMessage(), e);
            }
        }
    }

    /** Reads recordings as the gateway writes them (ISO times), ignoring what a newer gateway adds. */
    static ObjectMapper reader() {
        return new ObjectMapper().registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
                .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** Every variant with every seed, one after the other. */
    public static List<RunResult> run(Options options) {
        return run(options, Input.of(options));
    }

    static List<RunResult> run(Options options, Input input) {
        return run(options, input, result -> { });
    }

    /** As {@link #run(Options)}, telling {@code done} of each run as it ends. */
    static List<RunResult> run(Options options, Input input, java.util.function.Consumer<RunResult> done) {
        List<RunResult> results = new ArrayList<>();
        for (String variant : options.variants()) {
            for (int s = 0; s < options.seeds(); s++) {
                RunResult result = runOnce(input, variant, options.firstSeed() + s, options);
                results.add(result);
                done.accept(result);
            }
        }
        return results;
    }

    static RunResult runOnce(Input input, String variant, long seed, Options options) {
        ObjectMapper json = new ObjectMapper();
        Scenario scenario = input.scenario();
        ZoneId zone = ZoneId.of(scenario.zone());
        Path data;
        try {
            data = Files.createTempDirectory("dispatch-simulation");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<ScenarioJobs.Arrival> arrivals;
        Instant start;
        Instant until;
        String rosterLocation;
        if (input.recording() != null) {
            Recording recording = input.recording();
            arrivals = recordedArrivals(input.recorded());
            start = recording.from();
            // As far as the recording saw: what the gateway did until the export.
            until = recording.exportedAt();
            Path roster = data.resolve("recorded-roster.json");
            try {
                json.writeValue(roster.toFile(), input.recorded().path("roster"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            rosterLocation = "file:" + roster.toAbsolutePath();
        } else {
            JsonNode roster = roster(scenario, json);
            arrivals = ScenarioJobs.generate(scenario, roster, zone, seed, json);
            start = scenario.day().atStartOfDay(zone).toInstant();
            // Work planned to the end of the horizon (two days) after the last day is still done, then it stops.
            until = scenario.day().plusDays(scenario.days() + 4L).atStartOfDay(zone).toInstant();
            rosterLocation = "demo".equals(scenario.roster()) ? "classpath:demo/roster.json"
                    : "file:" + Path.of(scenario.roster()).toAbsolutePath();
        }
        Map<String, Object> properties = new LinkedHashMap<>(CONTAINED);
        properties.put("gateway.data-dir", data.toString());
        // The run's database is scratch: the embedded engine in its folder, not forced to the file on each commit,
        // with a page cache (128 MB) that holds a simulated week's jobs (the default 16 MB re-reads pages).
        properties.put("spring.datasource.url", "jdbc:h2:file:" + data.resolve("simulation")
                + ";DB_CLOSE_ON_EXIT=FALSE;CACHE_SIZE=131072");
        properties.put("gateway.zone", zone.getId());
        properties.put("gateway.simulation.start", start.toString());
        properties.put("gateway.roster-location", rosterLocation);
        properties.put("spring.main.banner-mode", "off");
        if (options.optimizerMoves() != null) {
            properties.put("gateway.planning.optimize-moves", options.optimizerMoves());
        }
        properties.putAll(scenario.settings());
        properties.putAll(variantProperties(variant));
        properties.putAll(options.properties());
        Ids.repeatable(seed);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(DispatchGatewayApplication.class)
                .profiles("simulation").web(WebApplicationType.NONE).logStartupInfo(false)
                // As arguments: they come before application.yml, defaults would come after it.
                .run(properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                        .toArray(String[]::new))) {
            Simulator.Spec spec = new Simulator.Spec(variant, seed, scenario, arrivals, NEAREST_FREE.equals(variant),
                    until, zone, input.recording());
            return context.getBean(Simulator.class).run(spec, context.getBean(SimulatedClock.class),
                    context.getBean(Replay.class));
        } finally {
            Ids.random();
            delete(data);
        }
    }

    /** The settings a variant changes: a policy for every job, no optimizer, or the nearest-free office. */
    static Map<String, Object> variantProperties(String variant) {
        Map<String, Object> properties = new LinkedHashMap<>();
        switch (variant) {
            case CONFIGURED, PROPOSED -> { }
            case PER_JOB -> properties.put("gateway.planning.optimize", false);
            case NEAREST_FREE -> {
                properties.put("gateway.planning.optimize", false);
                // Every job waits for the (simulated) dispatcher, who picks the technician.
                properties.put("gateway.approval.critical-tiers", "PLATINUM,GOLD,SILVER,STANDARD");
            }
            default -> {
                // A policy by name, for every job (a list from here replaces the configured selection rules).
                properties.put("gateway.ranking.default-policy", variant);
                properties.put("gateway.ranking.selection[0].policy", variant);
            }
        }
        return properties;
    }

    /** The recorded jobs in order of arrival, each through its own source, as intake took it. */
    private static List<ScenarioJobs.Arrival> recordedArrivals(JsonNode recorded) {
        List<ScenarioJobs.Arrival> arrivals = new ArrayList<>();
        for (JsonNode job : recorded.path("jobs")) {
            JsonNode intake = job.path("intake");
            arrivals.add(new ScenarioJobs.Arrival(Instant.parse(job.path("receivedAt").asText()),
                    intake.path("externalId").asText(), intake.toString(), null, intake.path("source").asText()));
        }
        arrivals.sort(Comparator.comparing(ScenarioJobs.Arrival::at));
        return arrivals;
    }

    private static JsonNode roster(Scenario scenario, ObjectMapper json) {
        try {
            if ("demo".equals(scenario.roster())) {
                try (InputStream in = Simulate.class.getResourceAsStream("/demo/roster.json")) {
                    return json.readTree(in);
                }
            }
            return json.readTree(Path.of(scenario.roster()).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the roster " + scenario.roster() + ": " + e.getMessage(), e);
        }
    }

    /** Removes a scratch folder and what it holds, as far as it can. */
    static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // left in place (the temporary folder, or a review's folder)
        }
    }
}
