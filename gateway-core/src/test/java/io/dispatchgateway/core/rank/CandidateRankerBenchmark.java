package io.dispatchgateway.core.rank;

import io.dispatchgateway.core.model.Certification;
import io.dispatchgateway.core.model.Classification;
import io.dispatchgateway.core.model.Customer;
import io.dispatchgateway.core.model.CustomerTier;
import io.dispatchgateway.core.model.Depot;
import io.dispatchgateway.core.model.Entitlement;
import io.dispatchgateway.core.model.GeoPoint;
import io.dispatchgateway.core.model.Job;
import io.dispatchgateway.core.model.Location;
import io.dispatchgateway.core.model.PenaltyTerms;
import io.dispatchgateway.core.model.Priority;
import io.dispatchgateway.core.model.Recommendation;
import io.dispatchgateway.core.model.Shift;
import io.dispatchgateway.core.model.Technician;
import io.dispatchgateway.core.port.TravelTimeMatrix.TravelTime;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Ranks one job against a metro-sized workforce with the travel matrix already known (as it is in a recorded
 * snapshot): skills, certifications (some expired), shifts, truck stock, depots and a part to fetch, so every
 * constraint and objective does real work. About a fifth of the technicians pass the rules that do not depend on
 * the place (skills, availability, the contract); a third have a plan of 1 to {@code maxPlanJobs} jobs.
 *
 * <p>Run: {@code ./mvnw -B -pl gateway-core -Pbenchmark verify}; the per-job time is in the {@code p0.50} row, the
 * bytes allocated per ranking in {@code gc.alloc.rate.norm}. The set-up prints the size of the ranking snapshot
 * a decision on that workforce stores (its JSON as the gateway writes it, and gzip at the fastest level).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CandidateRankerBenchmark {

    private static final ZoneId DENVER = ZoneId.of("America/Denver");
    private static final Instant NOW = Instant.parse("2026-11-23T16:00:00Z");
    private static final String[] SKILLS = {"hvac-heating", "hvac-cooling", "electrical", "plumbing", "gas",
            "general"};

    @Param({"100", "1000", "10000"})
    int technicians;

    @Param({"4", "8"})
    int maxPlanJobs;

    private CandidateRanker ranker;
    private RankingInput input;
    private RankingPolicy policy;

    @Setup
    public void setUp() {
        Random random = new Random(42);
        Location site = new Location("site", 39.7447, -104.9903);
        List<Technician> roster = new ArrayList<>(technicians);
        Map<String, TravelTime> travel = new HashMap<>();
        Map<String, TechnicianState> states = new HashMap<>();
        Shift day = new Shift(Set.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY), LocalTime.of(7, 0), LocalTime.of(17, 0));
        Shift evening = new Shift(null, LocalTime.of(12, 0), LocalTime.of(22, 0));
        for (int i = 0; i < technicians; i++) {
            String id = String.format("T-%05d", i);
            Map<String, Integer> skills = new HashMap<>();
            skills.put("general", 1 + random.nextInt(5));
            for (int s = 0; s < 2; s++) {
                skills.put(SKILLS[random.nextInt(SKILLS.length)], 1 + random.nextInt(5));
            }
            LocalDate expiry = LocalDate.parse("2026-06-01").plusDays(random.nextInt(900));
            GeoPoint home = new GeoPoint(39.55 + random.nextDouble() * 0.4, -105.15 + random.nextDouble() * 0.4);
            Map<String, Integer> truck = random.nextBoolean() ? Map.of("IGN-HSI-01", 2, "FLT-16X25", 4)
                    : Map.of("FLT-16X25", 4);
            roster.add(new Technician(id, "Tech " + i, skills, List.of(new Certification("GAS-FITTER", expiry)),
                    random.nextInt(4) == 0 ? evening : day, home, "central", truck, null, random.nextInt(50) != 0,
                    null));
            double km = home.distanceKm(site.point()) * 1.3;
            travel.put(id, new TravelTime(km / 40 * 60, km, true));
            if (random.nextInt(3) == 0) {
                List<io.dispatchgateway.core.plan.Visit> plan = new ArrayList<>();
                int jobs = 1 + random.nextInt(maxPlanJobs);
                for (int j = 0; j < jobs; j++) {
                    GeoPoint at = new GeoPoint(home.lat() + (random.nextDouble() - 0.5) * 0.1,
                            home.lon() + (random.nextDouble() - 0.5) * 0.1);
                    plan.add(new io.dispatchgateway.core.plan.Visit(id + "-J" + j,
                            io.dispatchgateway.core.plan.Visit.State.ASSIGNED, at, Duration.ofMinutes(60),
                            NOW.plusSeconds(3600L * (4 + random.nextInt(20))), null, null, Map.of(),
                            io.dispatchgateway.core.model.Priority.HIGH, null, null));
                }
                states.put(id, new TechnicianState(plan, random.nextInt(20), random.nextInt(10)));
            }
        }
        List<Depot> depots = List.of(
                new Depot("D-01", "North", new GeoPoint(39.86, -104.98), Map.of("IGN-HSI-01", 40)),
                new Depot("D-02", "South", new GeoPoint(39.62, -104.95), Map.of("IGN-HSI-01", 10)),
                new Depot("D-03", "East", new GeoPoint(39.74, -104.82), Map.of()),
                new Depot("D-04", "West", new GeoPoint(39.73, -105.10), Map.of("IGN-HSI-01", 5)));
        Job job = new Job("J-1", "default", "bench", "B-1", "C-1", "Furnace will not light", null, site, null, null,
                List.of("IGN-HSI-01"), false, NOW);
        Classification classification = new Classification("HVAC_HEATING", Priority.HIGH, "hvac-heating", 2,
                Map.of("general", 2), Map.of(), null, Duration.ofMinutes(90), NOW.plus(Duration.ofHours(4)), false,
                "bench");
        Customer customer = new Customer("C-1", "Customer", CustomerTier.GOLD, site, null,
                new Entitlement(Map.of(), new PenaltyTerms(new BigDecimal("2500"), new BigDecimal("250"), "USD"),
                        Set.of("T-00007"), Set.of("T-00003"), null), null);
        input = new RankingInput(job, classification, customer, NOW, roster, states, travel, depots);
        ranker = CandidateRanker.standard(RankingSettings.defaults(DENVER));
        policy = new RankingPolicy("balanced", null, Map.of("sla-risk", 0.25, "travel-time", 0.25, "skill-fit", 0.1,
                "penalty", 0.1, "customer-priority", 0.05, "workload", 0.1, "preferred-technician", 0.05,
                "first-time-fix", 0.05, "overtime", 0.05), null);
        printSnapshotSize();
    }

    /** The whole input, and the snapshot a decision stores (without the technicians no plan could qualify). */
    private void printSnapshotSize() {
        RankingInput stored = ranker.replayable(input, ranker.rank(input, policy));
        System.out.printf(java.util.Locale.ROOT, "%nranking snapshot at %d technicians (plans of up to %d jobs): "
                + "whole input %s; as stored, %d technicians: %s%n", technicians, maxPlanJobs, size(input),
                stored.technicians().size(), size(stored));
    }

    /** Its JSON as the gateway writes it, and that compressed at deflate's fastest level. */
    private static String size(RankingInput snapshot) {
        try {
            byte[] json = com.fasterxml.jackson.databind.json.JsonMapper.builder()
                    .addModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
                    .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build()
                    .writeValueAsBytes(snapshot);
            java.util.zip.Deflater deflater = new java.util.zip.Deflater(java.util.zip.Deflater.BEST_SPEED, true);
            deflater.setInput(json);
            deflater.finish();
            byte[] buffer = new byte[json.length + 64];
            int compressed = deflater.deflate(buffer);
            deflater.end();
            return String.format(java.util.Locale.ROOT, "%.1f kB JSON, %.1f kB compressed", json.length / 1000.0,
                    (compressed + 18) / 1000.0);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Benchmark
    public Recommendation rankOneJob() {
        return ranker.rank(input, policy);
    }
}
