package io.dispatchgateway.gateway.simulation;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A day (or several) of work to simulate, read from {@code examples/scenarios/*.yml}: the roster, how many jobs
 * arrive and when, what they are, and how the field and the office behave.
 *
 * @param zone the time zone of the roster's shifts and of the demand curve's hours
 * @param day the first local day jobs arrive on
 * @param days how many days jobs arrive on
 * @param roster {@code demo} for the demo roster, else a roster JSON file
 * @param jobs jobs arriving per day
 * @param demand local hour (0-23) to its weight: the share of a day's jobs arriving in that hour
 * @param work the kinds of work (summary, weight, the part it may need)
 * @param settings gateway settings every run of the scenario uses (for example a daily capacity that fits its
 *        work), as property name to value
 */
public record Scenario(String name, String description, String zone, LocalDate day, int days, String roster,
        int jobs,
        Map<Integer, Double> demand, List<Work> work, Appointments appointments, Field field, Office office,
        Map<String, Object> settings) {

    public Scenario {
        days = Math.max(1, days);
        zone = zone == null || zone.isBlank() ? "UTC" : zone;
        roster = roster == null || roster.isBlank() ? "demo" : roster;
        demand = demand == null || demand.isEmpty() ? Map.of(9, 1.0) : new TreeMap<>(demand);
        work = List.copyOf(work == null ? List.of() : work);
        appointments = appointments == null ? new Appointments(0, 2, 2, 6) : appointments;
        field = field == null ? new Field(0, 0, 0, 0, 0, 0) : field;
        office = office == null ? new Office(0, 0) : office;
        settings = settings == null ? Map.of() : new TreeMap<>(settings);
        List<String> problems = new ArrayList<>();
        if (day == null) {
            problems.add("day: is required (the first local day, e.g. 2026-11-24)");
        }
        if (jobs <= 0) {
            problems.add("jobs: must be at least 1");
        }
        if (work.isEmpty()) {
            problems.add("work: name at least one kind of work");
        }
        demand.forEach((hour, weight) -> {
            if (hour < 0 || hour > 23 || weight < 0) {
                problems.add("demand." + hour + ": the hour must be 0-23 and the weight at least 0");
            }
        });
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("scenario " + name + ": " + String.join("; ", problems));
        }
    }

    /**
     * @param part the part number the work may need (none when null)
     * @param partShare the share of these jobs that need it
     * @param jobType the source's kind of work, as the intake contract's {@code jobType} (its skills and duration
     *        win over the rule table's); none when null
     */
    public record Work(String summary, double weight, String part, double partShare, Map<String, Object> jobType) {}

    /**
     * @param share the share of jobs booked into an arrival window
     * @param hours how long a window is
     * @param leadMin the soonest a window starts after the booking, in hours
     * @param leadMax the latest
     */
    public record Appointments(double share, int hours, int leadMin, int leadMax) {}

    /**
     * How the technicians behave.
     *
     * @param travelNoise the spread (sigma of a lognormal with mean 1) of each drive against the plan's estimate
     * @param durationSpread the spread of the work against the classification's estimate
     * @param lateShare the share of technicians who start a day late
     * @param lateMinutes the mean of how late they are
     * @param missingPartShare the share of jobs needing a part where the part turns out to be missing on site
     * @param repeatVisitShare the share of jobs not fixed on the first visit
     */
    public record Field(double travelNoise, double durationSpread, double lateShare, double lateMinutes,
            double missingPartShare, double repeatVisitShare) {}

    /**
     * How the dispatchers behave.
     *
     * @param approvalMinutes the mean time a dispatcher takes to decide an approval or a plan proposal
     * @param overrideShare the share of approvals where the dispatcher takes the second option instead
     */
    public record Office(double approvalMinutes, double overrideShare) {}

    /**
     * A recorded period as a scenario: its days, zone and settings. The jobs and what happened to them come
     * from the recording; the field and office models only work what the replay sends another way than
     * recorded.
     */
    static Scenario recorded(Recording recording) {
        java.time.ZoneId zone = java.time.ZoneId.of(recording.zone());
        LocalDate first = recording.from().atZone(zone).toLocalDate();
        int days = (int) java.time.temporal.ChronoUnit.DAYS.between(first,
                recording.to().minusNanos(1).atZone(zone).toLocalDate()) + 1;
        return new Scenario("recorded " + recording.from() + " to " + recording.to(),
                recording.jobs().size() + " jobs of the gateway's own history, exported at "
                        + recording.exportedAt(),
                recording.zone(), first, days, "recording", Math.max(1, recording.jobs().size()), null,
                List.of(new Work("recorded jobs", 1, null, 0, null)), null, new Field(0.2, 0.3, 0, 0, 0, 0),
                new Office(5, 0), new TreeMap<>(recording.settings()));
    }

    public static Scenario read(Path file) {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory()).registerModule(new JavaTimeModule())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        try {
            return yaml.readValue(file.toFile(), Scenario.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read scenario " + file + ": " + e.getMessage(), e);
        }
    }
}
