package io.dispatchgateway.gateway.simulation;

import io.dispatchgateway.core.model.JobStatus;
import io.dispatchgateway.core.model.Technician;
import io.dispatchgateway.core.port.TechnicianDirectory;
import io.dispatchgateway.gateway.intake.IntakeGate;
import io.dispatchgateway.gateway.intake.IntakeOutcome;
import io.dispatchgateway.gateway.kpi.KpiFacts;
import io.dispatchgateway.gateway.persistence.JobStore;
import io.dispatchgateway.mappings.kpi.JobFact;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays a scenario through the running gateway on the simulated clock: jobs arrive through intake as the API
 * hands them in, the pipeline decides each before the clock moves on (its endpoints are {@code direct:} in the
 * simulation), the gateway's timers run every simulated minute, the simulated dispatchers decide what waits for
 * them and the simulated technicians work their plans. The KPIs come from the gateway's own job facts.
 */
public class Simulator {

    private static final Logger LOG = LoggerFactory.getLogger(Simulator.class);
    /** The routes a simulation runs; the timers and job sources stay stopped (the simulator runs their work). */
    static final List<String> PIPELINE = List.of("dead-letter", "job-assign", "approval-gate", "job-rank",
            "job-classify", "intake-validate");
    private static final Duration TICK = Duration.ofMinutes(1);

    private final IntakeGate intake;
    private final JobStore jobs;
    private final SimulatedField field;
    private final SimulatedOffice office;
    private final GatewayTimers timers;
    private final KpiFacts facts;
    private final CamelContext camel;
    private final TechnicianDirectory technicians;

    private int refusedAtIntake;

    public Simulator(IntakeGate intake, JobStore jobs, SimulatedField field, SimulatedOffice office,
            GatewayTimers timers, KpiFacts facts, CamelContext camel, TechnicianDirectory technicians) {
        this.intake = intake;
        this.jobs = jobs;
        this.field = field;
        this.office = office;
        this.timers = timers;
        this.facts = facts;
        this.camel = camel;
        this.technicians = technicians;
    }

    /**
     * One run.
     *
     * @param nearestFree whether the office plays the nearest-free baseline
     * @param until the simulation stops here even if work is left (it is counted as not done)
     * @param recording the recorded period being replayed; null for a generated scenario
     */
    public record Spec(String variant, long seed, Scenario scenario, List<ScenarioJobs.Arrival> arrivals,
            boolean nearestFree, Instant until, ZoneId zone, Recording recording) {}

    /** @param replay plays the spec's recording, if it has one */
    public RunResult run(Spec spec, SimulatedClock clock, Replay replay) {
        long started = System.nanoTime();
        String variant = spec.variant();
        long seed = spec.seed();
        List<ScenarioJobs.Arrival> arrivals = spec.arrivals();
        Instant until = spec.until();
        ZoneId zone = spec.zone();
        startPipeline();
        Behaviour behaviour = new Behaviour(spec.scenario().field(), spec.scenario().office(), seed);
        Agenda agenda = new Agenda();
        for (ScenarioJobs.Arrival arrival : arrivals) {
            agenda.at(arrival.at(), () -> submit(arrival));
        }
        // After the arrivals: what the recording did to a job at the moment it came in comes after it.
        Replay replaying = spec.recording() == null ? null : replay;
        if (replaying != null) {
            replaying.start(spec.recording(), agenda);
        }
        field.start(behaviour, agenda, clock, replaying);
        office.start(behaviour, agenda, clock, spec.nearestFree(), replaying);
        Instant lastArrival = arrivals.isEmpty() ? clock.instant() : arrivals.get(arrivals.size() - 1).at();
        long[] ran = {0};
        agenda.at(clock.instant(), new Runnable() {
            private long seen = -1;

            @Override
            public void run() {
                // Anything but this tick since the last one (an arrival, a report, a decision) may change plans.
                boolean changed = timers.run(clock.instant()) | ran[0] - seen > 1;
                seen = ran[0];
                office.look();
                field.look(changed);
                Instant now = clock.instant();
                if (now.isBefore(lastArrival) || !allDone()) {
                    agenda.at(now.plus(TICK), this);
                }
            }
        });
        long events = 0;
        while (!agenda.isEmpty() && !agenda.next().isAfter(until)) {
            agenda.runNext(clock);
            events++;
            ran[0] = events;
        }
        Instant from = arrivals.isEmpty() ? clock.instant() : arrivals.get(0).at();
        List<JobFact> jobFacts = facts.between(from, lastArrival.plusSeconds(1));
        List<String> active = technicians.all().stream().filter(t -> !Boolean.FALSE.equals(t.active()))
                .map(Technician::id).toList();
        Replay.Comparison comparison = null;
        if (replaying != null) {
            comparison = replaying.compare();
            LOG.info("{} seed {}: {} of {} recorded jobs decided as recorded ({} recorded events played, {} not)",
                    variant, seed, comparison.same(), comparison.jobs(), comparison.played(), comparison.notPlayed());
            comparison.differences().entrySet().stream().limit(10)
                    .forEach(d -> LOG.info("  {}: {}", d.getKey(), d.getValue()));
        }
        jobFacts.stream().filter(f -> f.completedAt() == null && f.technicianId() != null).limit(5)
                .forEach(f -> LOG.info("  unfinished {}: {}", f.jobId(), field.whereIs(f.jobId())));
        double seconds = (System.nanoTime() - started) / 1e9;
        LOG.info("{} seed {}: {} jobs, {} events in {} s ({} refused at intake, {} field reports refused; left {})",
                variant, seed, jobFacts.size(), events, String.format(java.util.Locale.ROOT, "%.1f", seconds),
                refusedAtIntake, field.refused(), jobs.countByStatus());
        return RunResult.of(variant, seed, jobFacts, active, field.overtime(), zone, events, seconds, comparison);
    }

    private void submit(ScenarioJobs.Arrival arrival) {
        IntakeOutcome outcome = intake.submit(arrival.payload(), arrival.channel(), "sim:intake", null);
        if (!outcome.problems().isEmpty()) {
            refusedAtIntake++;
            LOG.warn("scenario job {} refused at intake: {}", arrival.externalId(), outcome.problems());
        }
    }

    private boolean allDone() {
        Map<JobStatus, Long> counts = jobs.countByStatus();
        return counts.entrySet().stream().noneMatch(e -> e.getKey().isActive() && e.getValue() > 0
                && e.getKey() != JobStatus.ESCALATED);
    }

    private void startPipeline() {
        try {
            for (String route : PIPELINE) {
                camel.getRouteController().startRoute(route);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the pipeline routes: " + e.getMessage(), e);
        }
    }
}
