package io.dispatchgateway.gateway.simulation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dispatchgateway.core.model.Shift;
import io.dispatchgateway.core.model.Technician;
import io.dispatchgateway.core.plan.PlannedVisit;
import io.dispatchgateway.core.plan.TechnicianPlan;
import io.dispatchgateway.core.plan.Visit;
import io.dispatchgateway.core.port.TechnicianDirectory;
import io.dispatchgateway.gateway.dispatch.PlanBook;
import io.dispatchgateway.gateway.live.LiveOperations;
import io.dispatchgateway.gateway.persistence.JobStore;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated technicians. Each follows the gateway's plan as a technician follows the pack: when free and
 * the plan's next job is due, they set off (EN_ROUTE), drive the planned time with the scenario's noise (and say
 * when they will be late: DELAYED), arrive (ARRIVED), work the estimate with its spread and report COMPLETED,
 * or a missing part (PART_MISSING), after which the gateway's rule decides and the plan says what comes next.
 * Every report goes through the same use case as the pack page's buttons.
 */
public class SimulatedField {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedField.class);
    /** A technician says they will be late when the drive runs this much past the plan's arrival. */
    private static final Duration LATE_NOTICE = Duration.ofMinutes(15);

    private final LiveOperations live;
    private final PlanBook plans;
    private final TechnicianDirectory technicians;
    private final JobStore jobs;
    private final ObjectMapper json;
    private final ZoneId zone;

    private final Map<String, String> busyWith = new HashMap<>();
    /** Per free technician: their plan's next departure, until plans change. */
    private final Map<String, Instant> notBefore = new HashMap<>();
    private final Map<String, Integer> visits = new HashMap<>();
    private final Set<String> partFound = new HashSet<>();
    /** Per technician and local day: minutes worked after the shift's end. */
    private final Map<String, Map<LocalDate, Long>> overtime = new TreeMap<>();
    private int refused;
    private Behaviour behaviour;
    private Agenda agenda;
    private SimulatedClock clock;
    private Replay replay;

    public SimulatedField(LiveOperations live, PlanBook plans, TechnicianDirectory technicians, JobStore jobs,
            ObjectMapper json, ZoneId zone) {
        this.live = live;
        this.plans = plans;
        this.technicians = technicians;
        this.jobs = jobs;
        this.json = json;
        this.zone = zone;
    }

    /** @param replay the recording that works its own jobs (null: the field works every job) */
    void start(Behaviour behaviour, Agenda agenda, SimulatedClock clock, Replay replay) {
        this.behaviour = behaviour;
        this.agenda = agenda;
        this.clock = clock;
        this.replay = replay;
    }

    /**
     * Sets off every free technician whose next planned job is due. A technician whose next job is not due yet is
     * looked at again at its departure, or sooner when {@code changed} says plans may have moved.
     */
    void look(boolean changed) {
        Instant now = clock.instant();
        if (changed) {
            notBefore.clear();
        }
        for (Technician technician : technicians.all()) {
            if (busyWith.containsKey(technician.id()) || Boolean.FALSE.equals(technician.active())
                    || !ready(technician, now) || now.isBefore(notBefore.getOrDefault(technician.id(), now))) {
                continue;
            }
            TechnicianPlan plan = plans.plan(technician.id()).orElse(null);
            if (plan == null) {
                continue;
            }
            Instant next = Instant.MAX;
            for (PlannedVisit visit : plan.visits()) {
                Visit.State state = visit.visit().state();
                if (state == Visit.State.PROPOSED || !visit.planned()) {
                    continue; // not theirs yet, or no room for it in the horizon
                }
                if (replay != null && replay.works(visit.jobId(), technician.id())) {
                    break; // their next job is worked as it was recorded
                }
                if (state == Visit.State.ASSIGNED || state == Visit.State.PAUSED) {
                    if (!visit.departure().isAfter(now)) {
                        setOff(technician, visit);
                    } else {
                        next = visit.departure();
                    }
                }
                break; // only the next job in the plan
            }
            notBefore.put(technician.id(), next);
        }
    }

    /** Minutes after the end of the shift, per technician and day. */
    Map<String, Map<LocalDate, Long>> overtime() {
        return overtime;
    }

    /** Where an unfinished job stands in its technician's plan, for the run's log. */
    String whereIs(String jobId) {
        return plans.placed(jobId).map(placed -> placed.technicianId() + " " + placed.position() + "/" + placed.of()
                + " " + placed.visit().visit().state() + (placed.visit().planned() ? " departs "
                + placed.visit().departure() : " not planned: " + placed.visit().unplannedBecause())
                + (busyWith.containsKey(placed.technicianId()) ? ", technician busy with "
                + busyWith.get(placed.technicianId()) : ""))
                .orElse("in no plan");
    }

    /** Reports the gateway refused (the job had moved on meanwhile). */
    int refused() {
        return refused;
    }

    private boolean ready(Technician technician, Instant now) {
        Shift shift = technician.shift();
        if (shift == null) {
            return true;
        }
        ZonedDateTime local = now.atZone(zone);
        if (!shift.days().contains(local.getDayOfWeek())) {
            return true; // the plan only sends them out on their shift days
        }
        Instant start = local.toLocalDate().atTime(shift.start()).atZone(zone).toInstant();
        return !now.isBefore(start.plus(Duration.ofMinutes(behaviour.lateMinutes(technician.id(),
                local.toLocalDate()))));
    }

    private void setOff(Technician technician, PlannedVisit visit) {
        String jobId = visit.jobId();
        String key = externalId(jobId);
        int visitNo = visits.merge(jobId, 1, Integer::sum);
        if (!report(jobId, technician.id(), event("EN_ROUTE"))) {
            return;
        }
        busyWith.put(technician.id(), jobId);
        Instant now = clock.instant();
        long driveSeconds = Math.round(visit.travelMinutes() * 60 * behaviour.driveFactor(key, visitNo));
        Instant arrival = now.plusSeconds(driveSeconds);
        if (visit.arrival() != null && arrival.isAfter(visit.arrival().plus(LATE_NOTICE))) {
            agenda.at(now.plusSeconds(driveSeconds / 2), () -> {
                ObjectNode delayed = event("DELAYED");
                delayed.put("newEta", arrival.toString());
                delayed.put("reason", "traffic");
                report(jobId, technician.id(), delayed);
            });
        }
        agenda.at(arrival, () -> arrive(technician, visit, key, visitNo));
    }

    private void arrive(Technician technician, PlannedVisit visit, String key, int visitNo) {
        String jobId = visit.jobId();
        if (!report(jobId, technician.id(), event("ARRIVED"))) {
            busyWith.remove(technician.id());
            return;
        }
        Instant now = clock.instant();
        long workSeconds = Math.round(visit.visit().work().toSeconds() * behaviour.workFactor(key, visitNo));
        String part = visit.visit().parts().keySet().stream().sorted().findFirst().orElse(null);
        if (part != null && partFound.add(jobId) && behaviour.partMissing(key)) {
            agenda.at(now.plusSeconds(Math.min(900, workSeconds / 2)), () -> {
                ObjectNode missing = event("PART_MISSING");
                missing.putArray("parts").add(part);
                missing.put("reason", "not in the van after all");
                report(jobId, technician.id(), missing);
                afterMissingPart(technician, jobId, key, workSeconds);
            });
            return;
        }
        agenda.at(now.plusSeconds(workSeconds), () -> complete(technician, jobId, key));
    }

    /**
     * What the gateway's missing-part rule decided: a pickup (the job stays on site; the technician fetches the
     * part, is back at the announced time and finishes), a pause or another technician (this one is free).
     */
    private void afterMissingPart(Technician technician, String jobId, String key, long workSeconds) {
        JobStore.StoredJob stored = jobs.find(jobId).orElse(null);
        boolean stillMine = stored != null && stored.status() == io.dispatchgateway.core.model.JobStatus.ON_SITE
                && stored.assignment() != null && technician.id().equals(stored.assignment().technicianId());
        if (!stillMine) {
            busyWith.remove(technician.id());
            return;
        }
        Instant back = plans.placed(jobId).map(placed -> placed.visit().visit().reportedEta())
                .filter(java.util.Objects::nonNull).orElse(clock.instant());
        Instant resume = back.isAfter(clock.instant()) ? back : clock.instant();
        agenda.at(resume.plusSeconds(workSeconds / 2), () -> complete(technician, jobId, key));
    }

    private void complete(Technician technician, String jobId, String key) {
        ObjectNode completed = event("COMPLETED");
        completed.put("firstTimeFix", behaviour.fixedFirstTime(key));
        report(jobId, technician.id(), completed);
        busyWith.remove(technician.id());
        Instant now = clock.instant();
        Shift shift = technician.shift();
        if (shift != null) {
            LocalDate day = now.atZone(zone).toLocalDate();
            Instant end = day.atTime(shift.end()).atZone(zone).toInstant();
            long late = Math.max(0, Duration.between(end, now).toMinutes());
            if (late > 0 && late < 12 * 60) {
                overtime.computeIfAbsent(technician.id(), t -> new TreeMap<>()).merge(day, late, Math::max);
            }
        }
    }

    private String externalId(String jobId) {
        return jobs.find(jobId).map(stored -> stored.job().externalId()).orElse(jobId);
    }

    private ObjectNode event(String type) {
        ObjectNode event = json.createObjectNode();
        event.put("type", type);
        return event;
    }

    private boolean report(String jobId, String technicianId, ObjectNode event) {
        event.put("technicianId", technicianId);
        try {
            live.report(jobId, event.toString(), "technician:" + technicianId);
            return true;
        } catch (RuntimeException e) {
            refused++;
            LOG.debug("{} for {} refused: {}", event.path("type").asText(), jobId, e.getMessage());
            return false;
        }
    }
}
