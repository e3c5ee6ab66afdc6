package io.dispatchgateway.gateway.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The seeded generator of a scenario's jobs: when each arrives (the demand curve), for which customer (the
 * roster's), what it is (the work mix), which part it needs and which appointment it was booked into. The same
 * scenario and seed give the same jobs.
 */
public final class ScenarioJobs {

    /** Appointments are booked between these local hours. */
    private static final LocalTime FIRST_APPOINTMENT = LocalTime.of(8, 0);
    private static final LocalTime LAST_APPOINTMENT = LocalTime.of(16, 0);

    /**
     * A job and when it arrives; {@code payload} is the intake contract's JSON, {@code channel} what it comes
     * through (a recorded job comes through its own source).
     */
    public record Arrival(Instant at, String externalId, String payload, String part, String channel) {}

    private ScenarioJobs() {
    }

    public static List<Arrival> generate(Scenario scenario, JsonNode roster, ZoneId zone, long seed,
            ObjectMapper json) {
        SplittableRandom random = new SplittableRandom(seed);
        List<JsonNode> customers = new ArrayList<>();
        roster.path("customers").forEach(customers::add);
        if (customers.isEmpty()) {
            throw new IllegalArgumentException("the roster has no customers to give jobs to");
        }
        double demandTotal = scenario.demand().values().stream().mapToDouble(Double::doubleValue).sum();
        double workTotal = scenario.work().stream().mapToDouble(Scenario.Work::weight).sum();
        List<Arrival> arrivals = new ArrayList<>();
        int n = 0;
        for (int d = 0; d < scenario.days(); d++) {
            LocalDate day = scenario.day().plusDays(d);
            for (int i = 0; i < scenario.jobs(); i++) {
                int hour = pick(scenario.demand(), demandTotal, random);
                Instant at = day.atTime(hour, 0).atZone(zone).toInstant()
                        .plusSeconds(random.nextLong(3600));
                Scenario.Work work = pickWork(scenario.work(), workTotal, random);
                JsonNode customer = customers.get(random.nextInt(customers.size()));
                String part = work.part() != null && random.nextDouble() < work.partShare() ? work.part() : null;
                boolean booked = random.nextDouble() < scenario.appointments().share();
                int lead = scenario.appointments().leadMin()
                        + random.nextInt(Math.max(1, scenario.appointments().leadMax()
                                - scenario.appointments().leadMin() + 1));
                String externalId = String.format(Locale.ROOT, "SIM-%05d", ++n);

                ObjectNode job = json.createObjectNode();
                job.put("externalId", externalId);
                job.put("source", "simulation");
                job.put("customerId", customer.path("id").asText());
                job.put("summary", work.summary());
                job.set("location", customer.path("site").deepCopy());
                if (part != null) {
                    job.putArray("requiredParts").add(part);
                }
                if (work.jobType() != null) {
                    job.set("jobType", json.valueToTree(work.jobType()));
                }
                if (booked) {
                    Instant start = windowStart(at, lead, zone);
                    ObjectNode window = job.putObject("arrivalWindow");
                    window.put("start", start.toString());
                    window.put("end", start.plus(scenario.appointments().hours(), ChronoUnit.HOURS).toString());
                }
                arrivals.add(new Arrival(at, externalId, job.toString(), part, "api"));
            }
        }
        arrivals.sort(Comparator.comparing(Arrival::at).thenComparing(Arrival::externalId));
        return arrivals;
    }

    /** The next whole hour {@code lead} hours on, moved into the booking hours of that day or the next. */
    static Instant windowStart(Instant bookedAt, int lead, ZoneId zone) {
        ZonedDateTime start = bookedAt.atZone(zone).truncatedTo(ChronoUnit.HOURS).plusHours(1L + lead);
        if (start.toLocalTime().isBefore(FIRST_APPOINTMENT)) {
            start = start.with(FIRST_APPOINTMENT);
        } else if (start.toLocalTime().isAfter(LAST_APPOINTMENT)) {
            start = start.plusDays(1).with(FIRST_APPOINTMENT).plusHours(start.getHour() - LAST_APPOINTMENT.getHour());
        }
        return start.toInstant();
    }

    private static int pick(Map<Integer, Double> weights, double total, SplittableRandom random) {
        double at = random.nextDouble() * total;
        int last = 0;
        for (Map.Entry<Integer, Double> e : weights.entrySet()) {
            last = e.getKey();
            at -= e.getValue();
            if (at < 0) {
                return e.getKey();
            }
        }
        return last;
    }

    private static Scenario.Work pickWork(List<Scenario.Work> work, double total, SplittableRandom random) {
        double at = random.nextDouble() * total;
        for (Scenario.Work w : work) {
            at -= w.weight();
            if (at < 0) {
                return w;
            }
        }
        return work.get(work.size() - 1);
    }
}
