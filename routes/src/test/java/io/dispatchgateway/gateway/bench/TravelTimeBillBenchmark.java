package io.dispatchgateway.gateway.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.dispatchgateway.core.model.Classification;
import io.dispatchgateway.core.model.Customer;
import io.dispatchgateway.core.model.GeoPoint;
import io.dispatchgateway.core.model.Job;
import io.dispatchgateway.core.model.Priority;
import io.dispatchgateway.core.model.RankedOption;
import io.dispatchgateway.core.model.Recommendation;
import io.dispatchgateway.core.port.TravelTimeMatrix;
import io.dispatchgateway.core.rank.CandidateRanker;
import io.dispatchgateway.core.rank.RankingInput;
import io.dispatchgateway.core.rank.RankingInputAssembler;
import io.dispatchgateway.core.rank.RankingPolicy;
import io.dispatchgateway.core.rank.RankingSettings;
import io.dispatchgateway.core.rank.StraightLineTravelTimes;
import io.dispatchgateway.gateway.config.RosterLoader;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many billable travel-time elements a decision costs when only the options in contention are measured,
 * and how often that changes the top choice against measuring every technician. Runs over the demo Denver
 * roster with jobs at customer sites. No routing service is reachable here, so "measured" road times come
 * from a synthetic road model: the straight line times a circuity that varies by trip between 1.15 and 1.75,
 * and a third slower within 4 km of downtown, so measured and estimated times disagree the way real ones do.
 *
 * <p>Run: {@code ./mvnw -B -pl routes -am -Ptravel-benchmark verify -DskipTests}
 */
public final class TravelTimeBillBenchmark {

    private static final ZoneId DENVER = ZoneId.of("America/Denver");
    private static final Instant MONDAY_9AM = Instant.parse("2026-11-23T16:00:00Z");
    private static final GeoPoint DOWNTOWN = new GeoPoint(39.7392, -104.9903);
    private static final RankingPolicy BALANCED = new RankingPolicy("balanced", null, Map.of("sla-risk", 0.25,
            "travel-time", 0.25, "skill-fit", 0.1, "penalty", 0.1, "customer-priority", 0.05, "workload", 0.1,
            "preferred-technician", 0.05, "first-time-fix", 0.05, "overtime", 0.05), null);
    private static final Object[][] WORK = {
        {"HVAC_HEATING", "hvac-heating", 2, null}, {"HVAC_COOLING", "hvac-cooling", 2, "EPA-608"},
        {"PLUMBING", "plumbing", 1, null}, {"ELECTRICAL", "electrical", 2, "ELECTRICAL-LICENSE"},
        {"GENERAL", "general", 1, null}, {"GAS_SAFETY", "gas", 3, "GAS-FITTER"}};

    private TravelTimeBillBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int decisions = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        RosterLoader.Roster roster;
        try (InputStream in = TravelTimeBillBenchmark.class.getResourceAsStream("/demo/roster.json")) {
            roster = new ObjectMapper().registerModule(new JavaTimeModule()).readValue(in, RosterLoader.Roster.class);
        }
        CandidateRanker ranker = CandidateRanker.standard(RankingSettings.defaults(DENVER));
        StraightLineTravelTimes estimate = new StraightLineTravelTimes(1.3, 40);
        AtomicLong billed = new AtomicLong();
        TravelTimeMatrix roads = syntheticRoads(billed);

        System.out.printf(Locale.ROOT, "%d decisions over %d technicians and %d customer sites%n", decisions,
                roster.technicians().size(), roster.customers().size());
        System.out.println("measured per decision | elements per decision | top choice as with the full matrix");
        for (int top : new int[] {0, 3, 5, 10}) {
            Random random = new Random(7);
            int same = 0;
            int compared = 0;
            billed.set(0);
            for (int d = 0; d < decisions; d++) {
                Customer customer = roster.customers().get(random.nextInt(roster.customers().size()));
                Object[] work = WORK[random.nextInt(WORK.length)];
                Job job = new Job("J-" + d, "default", "bench", "B-" + d, customer.id(), "bench", null, customer.site(),
                        null, null, List.of(), false, MONDAY_9AM);
                Classification classification = new Classification((String) work[0],
                        random.nextBoolean() ? Priority.HIGH : Priority.NORMAL, (String) work[1], (Integer) work[2],
                        null, null, (String) work[3], Duration.ofMinutes(90), MONDAY_9AM.plus(Duration.ofHours(8)),
                        false, "bench");
                RankingInput full = new RankingInputAssembler(estimate).assemble(job, classification, customer, roster.technicians(), Map.of(), roster.depots(), MONDAY_9AM,
                        BALANCED);
                long before = billed.get();
                RankingInput fullMeasured = withAllMeasured(full, roads);
                billed.set(before); // the reference run is not part of the bill
                RankingInput partial = new RankingInputAssembler(estimate, roads, ranker, top)
                        .assemble(job, classification, customer, roster.technicians(), Map.of(), roster.depots(),
                                MONDAY_9AM, BALANCED);
                Recommendation reference = ranker.rank(fullMeasured, BALANCED);
                Recommendation candidate = ranker.rank(partial, BALANCED);
                if (reference.best().isPresent()) {
                    compared++;
                    if (candidate.best().map(RankedOption::technicianId)
                            .equals(reference.best().map(RankedOption::technicianId))) {
                        same++;
                    }
                }
            }
            System.out.printf(Locale.ROOT, "%21d | %21.1f | %.1f %% (%d of %d)%n", top,
                    billed.get() / (double) decisions, 100.0 * same / Math.max(1, compared), same, compared);
        }
        System.out.printf(Locale.ROOT, "measuring every technician costs %d elements per decision%n",
                roster.technicians().size());
    }

    private static RankingInput withAllMeasured(RankingInput input, TravelTimeMatrix roads) {
        List<GeoPoint> origins = input.technicians().stream()
                .map(t -> RankingInput.origin(t, input.stateOf(t.id()), input.at())).toList();
        List<TravelTimeMatrix.TravelTime> times = roads.travelTimes(origins, input.job().location().point(),
                input.at());
        Map<String, TravelTimeMatrix.TravelTime> travel = new java.util.HashMap<>();
        for (int i = 0; i < times.size(); i++) {
            travel.put(input.technicians().get(i).id(), times.get(i));
        }
        return new RankingInput(input.job(), input.classification(), input.customer(), input.at(),
                input.technicians(), input.states(), travel, input.depots());
    }

    /** The stand-in for a routing service: a deterministic per-trip circuity and slower downtown traffic. */
    private static TravelTimeMatrix syntheticRoads(AtomicLong billed) {
        return (origins, destination, departure) -> {
            billed.addAndGet(origins.size());
            return origins.stream().map(origin -> {
                long seed = Double.doubleToLongBits(Math.round(origin.lat() * 1e4) * 31.0 + Math.round(origin.lon()
                        * 1e4)) ^ Double.doubleToLongBits(destination.lat() * 7 + destination.lon());
                double circuity = 1.15 + 0.6 * new Random(seed).nextDouble();
                double km = origin.distanceKm(destination) * circuity;
                double speed = destination.distanceKm(DOWNTOWN) < 4 ? 30 : 40;
                return new TravelTimeMatrix.TravelTime(km / speed * 60, km, false);
            }).toList();
        };
    }
}
