package io.dispatchgateway.adapters.servicetitan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dispatchgateway.adapters.servicetitan.dto.StAppointment;
import io.dispatchgateway.adapters.servicetitan.dto.StAppointmentAssignment;
import io.dispatchgateway.adapters.servicetitan.dto.StCustomer;
import io.dispatchgateway.adapters.servicetitan.dto.StJob;
import io.dispatchgateway.adapters.servicetitan.dto.StJobType;
import io.dispatchgateway.adapters.servicetitan.dto.StLocation;
import io.dispatchgateway.adapters.servicetitan.dto.StNamed;
import io.dispatchgateway.adapters.servicetitan.dto.StTechnician;
import io.dispatchgateway.adapters.servicetitan.dto.StTechnicianShift;
import io.dispatchgateway.adapters.servicetitan.dto.StZone;
import io.dispatchgateway.core.model.Shift;
import io.dispatchgateway.core.model.Customer;
import io.dispatchgateway.core.port.CustomerDirectory;
import io.dispatchgateway.core.port.JobSource;
import io.dispatchgateway.core.port.SyncCursorStore;
import io.dispatchgateway.core.port.TechnicianDirectory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads what changed in ServiceTitan since the stored cursors: the zones (for territory names), customers and
 * technicians with their planned shifts of the coming week first (so every job's customer is known at intake
 * and the technicians can be ranked), then jobs with their locations and next appointment (its arrival window
 * becomes the job's), page by page. Each page's jobs go to intake as payloads of
 * the intake contract; the cursor moves to the page's latest {@code modifiedOn} only after the page was handed
 * over, so a restart resumes there. {@code modifiedOnOrAfter} is inclusive, so the last job of a poll comes
 * again on the next one; intake is idempotent per source and external id.
 */
public class ServiceTitanJobSource implements JobSource {

    static final String JOBS_CURSOR = "servicetitan.jobs.modifiedOnOrAfter";
    static final String CUSTOMERS_CURSOR = "servicetitan.customers.modifiedOnOrAfter";
    static final String JOBS_AT_CURSOR = "servicetitan.jobs.readAtCursor";
    static final String CUSTOMERS_AT_CURSOR = "servicetitan.customers.readAtCursor";
    static final String TECHNICIANS_CURSOR = "servicetitan.technicians.modifiedOnOrAfter";
    static final String ASSIGNMENTS_CURSOR = "servicetitan.appointment-assignments.from";

    private static final Logger LOG = LoggerFactory.getLogger(ServiceTitanJobSource.class);

    private final ServiceTitanClient client;
    private final ServiceTitanMapper mapper;
    private final ObjectMapper json;
    private final SyncCursorStore cursors;
    private final CustomerDirectory customers;
    private final ServiceTitanTechnicians technicians;
    private final ServiceTitanProperties properties;
    private final Clock clock;
    private final ZoneId zone;
    private volatile Instant lastSuccessfulPoll;
    private volatile String lastFailure;

    /** The job status of work still to be dispatched; every other status is work in the field or closed. */
    static final String OPEN_JOB = "Scheduled";

    /** How far the incremental reads reach back before the first full read began. */
    static final Duration CLOCK_MARGIN = Duration.ofMinutes(5);

    /** The jobs intake refused, to read again; and when. */
    static final String REFUSED = "servicetitan.jobs.refused";
    static final String REFUSED_DUE = "servicetitan.jobs.refused.due";

    /** How long a refused job waits before it is read again (each refusal is quarantined once more). */
    static final Duration RETRY_REFUSED_AFTER = Duration.ofMinutes(10);

    /** At most this many refused jobs are kept for another try. */
    static final int MAX_REFUSED = 1_000;

    /** ServiceTitan's documented maximum for an {@code ids} filter. */
    static final int IDS_PER_REQUEST = 50;

    /** ServiceTitan job statuses that are field events, and the event each is. */
    private static final Map<String, String> FIELD_EVENTS = Map.of("Dispatched", "EN_ROUTE", "InProgress", "ARRIVED",
            "Completed", "COMPLETED", "Canceled", "CANCELLED");

    public ServiceTitanJobSource(ServiceTitanClient client, ServiceTitanMapper mapper, ObjectMapper json,
            SyncCursorStore cursors, CustomerDirectory customers, TechnicianDirectory technicians,
            ServiceTitanProperties properties, Clock clock, ZoneId zone) {
        this.zone = zone;
        this.client = client;
        this.mapper = mapper;
        this.json = json;
        this.cursors = cursors;
        this.customers = customers;
        this.technicians = new ServiceTitanTechnicians(technicians, properties.skillLevel(), properties.maxGpsAge(),
                clock, properties.gatewayTenant());
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public String name() {
        return ServiceTitanMapper.SOURCE;
    }

    @Override
    public Duration pollInterval() {
        return properties.pollInterval();
    }

    @Override
    public int poll(Consumer<String> intake) {
        return poll(intake, (externalId, payload) -> { });
    }

    /**
     * Also reports status changes as field events: Dispatched is EN_ROUTE, InProgress is ARRIVED, Completed is
     * COMPLETED (ServiceTitan does not say whether it was a first-time fix) and Canceled is CANCELLED, at the
     * job's modifiedOn. The gateway ignores an event its job has already passed.
     */
    @Override
    public int poll(Consumer<String> intake, FieldEvents events) {
        try {
            return pollOnce(intake, events);
        } catch (RuntimeException e) {
            lastFailure = clock.instant() + ": " + e.getMessage();
            throw e;
        }
    }

    /** What the last failed poll said, or null when none failed since start. */
    public String lastFailure() {
        return lastFailure;
    }

    /** What a poll reads once and every page's jobs use: zone, job type, business unit and tag names. */
    private record Reference(Map<Long, String> zoneNames, Map<Long, StJobType> jobTypes,
            Map<Long, String> businessUnits, Map<Long, String> tags) {}

    private int pollOnce(Consumer<String> intake, FieldEvents events) {
        Map<Long, String> zoneNames = zoneNames();
        Reference reference = new Reference(zoneNames, jobTypes(), names("/business-units"), names("/tag-types"));
        syncCustomers();
        syncTechnicians(zoneNames);
        int[] handed = {retryRefused(intake, events, reference)};
        // The first poll reads every open job, however long ago it was booked; later ones what changed since.
        java.util.Optional<String> since = cursors.cursor(JOBS_CURSOR);
        Instant started = clock.instant();
        // Read by modification time, not offset: a job changed while the list is read moves to its end.
        Map<String, String> query = since.isPresent() ? Map.of() : Map.of("jobStatus", OPEN_JOB);
        client.forEachPageByModification("jpm", "/jobs", query, since.orElse(null), atCursor(JOBS_AT_CURSOR),
                StJob.class, StJob::modifiedOn, StJob::id, jobs -> {
            handed[0] += handOver(jobs, intake, events, reference);
            advance(JOBS_CURSOR, JOBS_AT_CURSOR, jobs, StJob::modifiedOn, StJob::id);
        });
        syncStaffing(events, started);
        if (since.isEmpty()) {
            // Read in full: from now on, what changes (closed and in-field work included), from a little before
            // the read started, as ServiceTitan's clock may be behind the gateway's (reading twice is harmless).
            advance(JOBS_CURSOR, List.of(started.minus(CLOCK_MARGIN).atOffset(java.time.ZoneOffset.UTC)));
            cursors.save(JOBS_AT_CURSOR, "");
        }
        lastSuccessfulPoll = clock.instant();
        return handed[0];
    }

    /**
     * Hands a page of jobs over. Only open work enters: a job whose next appointment the office already staffed
     * comes in as committed to that technician (held in the plan, never dispatched again); the rest is
     * dispatched. Work in the field or closed reports its status as field events.
     *
     * @return how many payloads went to intake
     */
    private int handOver(List<StJob> jobs, Consumer<String> intake, FieldEvents events, Reference reference) {
        List<StJob> open = jobs.stream().filter(j -> OPEN_JOB.equals(j.jobStatus())).toList();
        Map<Long, StLocation> locations = locations(open);
        Map<Long, StAppointment> appointments = appointments(open);
        Map<Long, Long> staffed = staffed(appointments.values());
        knowCustomers(open);
        int handed = 0;
        for (StJob job : open) {
            StAppointment appointment = appointments.get(job.id());
            if (appointment == null) {
                // No visit to make now (all on hold, done or canceled): not work to dispatch yet; read again later.
                LOG.info("ServiceTitan job {} is Scheduled but has no open visit; read again in {}", job.id(),
                        RETRY_REFUSED_AFTER);
                tryAgainLater(String.valueOf(job.id()));
                continue;
            }
            handed++;
            Long office = appointment == null ? null : staffed.get(appointment.id());
            intake.accept(write(mapper.toIntake(job, locations.get(job.locationId()), appointment,
                    office == null ? null : String.valueOf(office),
                    job.jobTypeId() == null ? null : reference.jobTypes().get(job.jobTypeId()),
                    labels(job, reference.businessUnits(), reference.tags()), properties.gatewayTenant(),
                    reference.zoneNames())));
        }
        for (StJob job : jobs) {
            String type = FIELD_EVENTS.get(job.jobStatus());
            if (type != null) {
                Map<String, Object> event = new LinkedHashMap<>();
                event.put("type", type);
                if (job.modifiedOn() != null) {
                    event.put("at", DateTimeFormatter.ISO_INSTANT.format(job.modifiedOn().toInstant()));
                }
                event.put("reason", "ServiceTitan job status " + job.jobStatus());
                events.report(String.valueOf(job.id()), write(event));
            }
        }
        return handed;
    }

    /**
     * Intake refused this job (quarantined with its problems): it is read and offered again by a poll at least
     * {@link #RETRY_REFUSED_AFTER} later, with its customer, location and appointment as they are then, so a job
     * the office corrects comes in even if the job record itself did not change.
     */
    @Override
    public void refused(String payload) {
        try {
            tryAgainLater(json.readTree(payload).path("externalId").asText(""));
        } catch (JsonProcessingException e) {
            LOG.debug("refused payload is not JSON; not retried");
        }
    }

    /** Puts a job on the list read again by id once {@link #RETRY_REFUSED_AFTER} has passed. */
    private void tryAgainLater(String externalId) {
        if (!externalId.matches("\\d{1,19}")) {
            return;
        }
        java.util.Set<String> ids = new java.util.TreeSet<>(refusedIds());
        if (ids.isEmpty()) {
            cursors.save(REFUSED_DUE, DateTimeFormatter.ISO_INSTANT.format(clock.instant().plus(RETRY_REFUSED_AFTER)));
        }
        if (ids.size() >= MAX_REFUSED) {
            LOG.warn("ServiceTitan job {}: {} jobs already wait to be read again; this one is not (a refused one"
                    + " stays in quarantine)", externalId, MAX_REFUSED);
        } else if (ids.add(externalId)) {
            cursors.save(REFUSED, String.join(",", ids));
        }
    }

    private List<String> refusedIds() {
        return cursors.cursor(REFUSED).filter(value -> !value.isBlank()).map(value -> List.of(value.split(",")))
                .orElse(List.of());
    }

    /** Reads the refused jobs again by id and hands them over, once the first of them has waited long enough. */
    private int retryRefused(Consumer<String> intake, FieldEvents events, Reference reference) {
        List<String> ids = refusedIds();
        Instant now = clock.instant();
        boolean due = cursors.cursor(REFUSED_DUE).map(Instant::parse).map(at -> !at.isAfter(now)).orElse(true);
        if (ids.isEmpty() || !due) {
            return 0;
        }
        cursors.save(REFUSED_DUE, DateTimeFormatter.ISO_INSTANT.format(now.plus(RETRY_REFUSED_AFTER)));
        int handed = 0;
        List<String> lists = idLists(ids.stream().map(Long::valueOf).toList());
        for (int i = 0; i < lists.size(); i++) {
            List<StJob> jobs = client.getAll("jpm", "/jobs", Map.of("ids", lists.get(i)), StJob.class);
            // Off the list only once read: an outage or a crash here leaves the rest for the next try. What
            // intake refuses again is added back by refused().
            java.util.Set<String> remaining = new java.util.TreeSet<>(refusedIds());
            remaining.removeAll(List.of(lists.get(i).split(",")));
            cursors.save(REFUSED, String.join(",", remaining));
            handed += handOver(jobs, intake, events, reference);
        }
        LOG.info("ServiceTitan: {} refused jobs read again, {} still open offered to intake", ids.size(), handed);
        return handed;
    }

    /**
     * Who the office put on or took off visits since the last read, from the appointment-assignments export feed
     * (in modification order, with a continuation token stored after each batch; the first read starts a day
     * back). For each changed visit still to be made, the technicians on it now are reported; the gateway's own
     * write-backs come back this way too and change nothing.
     */
    private void syncStaffing(FieldEvents events, Instant started) {
        String from = cursors.cursor(ASSIGNMENTS_CURSOR).orElse(DateTimeFormatter.ISO_LOCAL_DATE.format(
                started.minus(Duration.ofDays(1)).atZone(java.time.ZoneOffset.UTC)));
        client.forEachExport("dispatch", "/export/appointment-assignments", Map.of("active", "Any"), from,
                StAppointmentAssignment.class, (batch, next) -> {
                    Map<Long, OffsetDateTime> changed = new LinkedHashMap<>();
                    for (StAppointmentAssignment assignment : batch) {
                        changed.merge(assignment.appointmentId(), assignment.modifiedOn() == null
                                ? OffsetDateTime.MIN : assignment.modifiedOn(), (a, b) -> a.isAfter(b) ? a : b);
                    }
                    Map<Long, StAppointment> visits = new HashMap<>();
                    for (String ids : idLists(List.copyOf(changed.keySet()))) {
                        client.getAll("jpm", "/appointments", Map.of("ids", ids, "active", "Any"), StAppointment.class)
                                .forEach(visit -> visits.put(visit.id(), visit));
                    }
                    List<StAppointment> open = visits.values().stream().filter(StAppointment::open)
                            .filter(visit -> changed.containsKey(visit.id())).toList();
                    Map<Long, List<Long>> onVisit = onVisits(open);
                    for (StAppointment visit : open) {
                        OffsetDateTime at = changed.get(visit.id());
                        events.staffed(String.valueOf(visit.jobId()), onVisit.getOrDefault(visit.id(), List.of())
                                .stream().map(String::valueOf).toList(),
                                at == null || at.equals(OffsetDateTime.MIN) ? clock.instant() : at.toInstant());
                    }
                    if (next != null) {
                        cursors.save(ASSIGNMENTS_CURSOR, next);
                    }
                });
    }

    /** The technicians active on each visit, the first assigned first. */
    private Map<Long, List<Long>> onVisits(java.util.Collection<StAppointment> visits) {
        Map<Long, List<Long>> on = new HashMap<>();
        for (String ids : idLists(visits.stream().map(StAppointment::id).toList())) {
            client.getAll("dispatch", "/appointment-assignments", Map.of("appointmentIds", ids, "active", "True"),
                    StAppointmentAssignment.class).stream().filter(StAppointmentAssignment::active)
                    .sorted(Comparator.comparingLong(StAppointmentAssignment::id))
                    .forEach(a -> on.computeIfAbsent(a.appointmentId(), k -> new ArrayList<>()).add(a.technicianId()));
        }
        return on;
    }

    /** When the last poll completed, or null before the first. */
    public Instant lastSuccessfulPoll() {
        return lastSuccessfulPoll;
    }

    /**
     * Customers: all of them on the first poll (a tenant's customers go back years), then those changed since.
     * Inactive ones too ({@code active=Any}): an inactive customer may still have an open job.
     */
    private void syncCustomers() {
        // By modification time, like jobs: a customer changed while the list is read moves to its end and is read
        // there; the cursor saved after each page never passes a customer not yet read.
        client.forEachPageByModification("crm", "/customers", Map.of("active", "Any"),
                cursors.cursor(CUSTOMERS_CURSOR).orElse(null), atCursor(CUSTOMERS_AT_CURSOR), StCustomer.class,
                StCustomer::modifiedOn, StCustomer::id, page -> {
                    for (StCustomer customer : page) {
                        save(customer);
                    }
                    advance(CUSTOMERS_CURSOR, CUSTOMERS_AT_CURSOR, page, StCustomer::modifiedOn, StCustomer::id);
                });
    }

    private void syncTechnicians(Map<Long, String> zoneNames) {
        Instant now = clock.instant();
        // From a day back, so the shift a technician started an hour ago counts; time off is not work.
        Map<Long, Shift> planned = ServiceTitanTechnicians.plannedShifts(client.getAll("dispatch", "/technician-shifts",
                Map.of("startsOnOrAfter", DateTimeFormatter.ISO_INSTANT.format(now.minus(Duration.ofDays(1))),
                        "endsOnOrBefore", DateTimeFormatter.ISO_INSTANT.format(now.plus(Duration.ofDays(7))),
                        "active", "True"), StTechnicianShift.class), zone);
        // All technicians on the first poll, then the changed ones; deactivated ones too, so they stop getting work.
        // ServiceTitan cannot sort technicians: the cursor moves only once every page was read.
        List<OffsetDateTime> modified = new ArrayList<>();
        client.forEachPage("settings", "/technicians", referenceQuery(TECHNICIANS_CURSOR),
                StTechnician.class, page -> {
                    technicians.save(page, zoneNames, planned);
                    page.forEach(technician -> modified.add(technician.modifiedOn()));
                });
        advance(TECHNICIANS_CURSOR, modified);
        technicians.refreshShifts(planned);
    }

    /** The tenant's job types (a short list, read every poll; inactive ones too, old jobs may have them). */
    private Map<Long, StJobType> jobTypes() {
        Map<Long, StJobType> types = new HashMap<>();
        for (StJobType type : client.getAll("jpm", "/job-types", Map.of("active", "Any"), StJobType.class)) {
            types.put(type.id(), type);
        }
        return types;
    }

    /**
     * The names of a settings list (business units, tag types), inactive ones too. A tenant that did not grant the
     * app that list's scope gets ids only: the jobs still come in.
     */
    private Map<Long, String> names(String path) {
        Map<Long, String> names = new HashMap<>();
        try {
            for (StNamed named : client.getAll("settings", path, Map.of("active", "Any"), StNamed.class)) {
                if (named.name() != null && !named.name().isBlank()) {
                    names.put(named.id(), named.name().strip());
                }
            }
        } catch (ServiceTitanApiException refused) {
            LOG.warn("ServiceTitan refused GET {} ({}); jobs carry its ids instead of names", path,
                    refused.getMessage());
        }
        return names;
    }

    /** The job's business unit and tags, by name where known: "Business unit: HVAC Service. Tags: VIP, Warranty." */
    static String labels(StJob job, Map<Long, String> businessUnits, Map<Long, String> tags) {
        List<String> parts = new ArrayList<>();
        if (job.businessUnitId() != null) {
            parts.add("Business unit: " + businessUnits.getOrDefault(job.businessUnitId(),
                    String.valueOf(job.businessUnitId())) + ".");
        }
        if (job.tagTypeIds() != null && !job.tagTypeIds().isEmpty()) {
            parts.add("Tags: " + job.tagTypeIds().stream().filter(id -> id != null).distinct()
                    .map(id -> tags.getOrDefault(id, String.valueOf(id))).collect(Collectors.joining(", ")) + ".");
        }
        return String.join(" ", parts);
    }

    private Map<Long, String> zoneNames() {
        Map<Long, String> names = new HashMap<>();
        for (StZone zone : client.getAll("dispatch", "/zones", Map.of(), StZone.class)) {
            if (zone.name() != null && !zone.name().isBlank()) {
                names.put(zone.id(), zone.name().strip());
            }
        }
        return names;
    }

    private Map<Long, StLocation> locations(List<StJob> jobs) {
        Map<Long, StLocation> byId = new HashMap<>();
        for (String ids : idLists(jobs.stream().map(StJob::locationId).toList())) {
            client.getAll("crm", "/locations", Map.of("ids", ids), StLocation.class)
                    .forEach(location -> byId.put(location.id(), location));
        }
        return byId;
    }

    /**
     * Each open job's next visit: its first appointment when that is still to be made, else (a job with several
     * visits, the first made) the earliest open appointment of the job.
     */
    private Map<Long, StAppointment> appointments(List<StJob> jobs) {
        Map<Long, StAppointment> first = new HashMap<>();
        for (String ids : idLists(jobs.stream().map(StJob::firstAppointmentId).filter(id -> id != null).toList())) {
            client.getAll("jpm", "/appointments", Map.of("ids", ids, "active", "Any"), StAppointment.class)
                    .forEach(appointment -> first.put(appointment.id(), appointment));
        }
        Map<Long, StAppointment> byJob = new HashMap<>();
        for (StJob job : jobs) {
            StAppointment appointment = job.firstAppointmentId() == null ? null : first.get(job.firstAppointmentId());
            if (appointment != null && appointment.open()) {
                byJob.put(job.id(), appointment);
            } else {
                client.getAll("jpm", "/appointments", Map.of("jobId", String.valueOf(job.id())), StAppointment.class)
                        .stream().filter(StAppointment::open).filter(a -> a.start() != null)
                        .min(Comparator.comparing(StAppointment::start))
                        .ifPresent(next -> byJob.put(job.id(), next));
            }
        }
        return byJob;
    }

    /** Comma-separated id lists of at most {@link #IDS_PER_REQUEST}, as ServiceTitan's {@code ids} filters take. */
    private static List<String> idLists(List<Long> ids) {
        List<Long> distinct = ids.stream().distinct().toList();
        List<String> lists = new ArrayList<>();
        for (int from = 0; from < distinct.size(); from += IDS_PER_REQUEST) {
            lists.add(distinct.subList(from, Math.min(distinct.size(), from + IDS_PER_REQUEST)).stream()
                    .map(String::valueOf).collect(Collectors.joining(",")));
        }
        return lists;
    }

    /** A reference-data read: everything the first time, then what changed since the stored cursor. */
    private Map<String, String> referenceQuery(String cursorName) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("active", "Any");
        cursors.cursor(cursorName).ifPresent(cursor -> query.put("modifiedOnOrAfter", cursor));
        return query;
    }

    /**
     * The technician already on each staffed appointment (the office's, or the gateway's own written back): the
     * first active assignment, by assignment id, when there are several.
     */
    private Map<Long, Long> staffed(java.util.Collection<StAppointment> appointments) {
        Map<Long, Long> staffed = new HashMap<>();
        onVisits(appointments).forEach((visit, technicians) -> staffed.put(visit, technicians.get(0)));
        return staffed;
    }

    /** Fetches, by id, the customers of open jobs the gateway does not know yet (changed before the cursor). */
    private void knowCustomers(List<StJob> jobs) {
        List<Long> unknown = jobs.stream().map(StJob::customerId).distinct()
                .filter(id -> customers.find(String.valueOf(id)).isEmpty()).toList();
        for (String ids : idLists(unknown)) {
            client.getAll("crm", "/customers", Map.of("ids", ids, "active", "Any"), StCustomer.class)
                    .forEach(this::save);
        }
    }

    /**
     * Saves a ServiceTitan customer as ServiceTitan has it, keeping what only the gateway holds on it (ServiceTitan
     * has none of them): its contract, notes, territory and contact addresses, and a tier set in the gateway.
     */
    private void save(StCustomer customer) {
        Customer synced = mapper.toCustomer(customer, properties.customerTier(), properties.gatewayTenant());
        Customer kept = customers.find(synced.id()).map(known -> new Customer(synced.id(), synced.name(),
                known.tier(), synced.site(), known.territory(), known.entitlement(), known.notes(), synced.tenant(),
                known.contactEmails())).orElse(synced);
        customers.save(kept);
    }

    /** The ids read at a cursor's instant, so the next read (inclusive of that instant) leaves them out. */
    private java.util.Set<String> atCursor(String name) {
        return cursors.cursor(name).filter(value -> !value.isBlank()).map(value -> java.util.Set.of(value.split(",")))
                .orElse(java.util.Set.of());
    }

    /**
     * Moves a cursor to the page's latest modification and records which of the page's records were modified at
     * that instant (with those already recorded there, when the cursor does not move).
     */
    private <T> void advance(String name, String atName, List<T> page,
            java.util.function.Function<T, OffsetDateTime> modifiedOn, java.util.function.Function<T, Object> id) {
        page.stream().map(modifiedOn).filter(m -> m != null).max(OffsetDateTime::compareTo).ifPresent(latest -> {
            String value = DateTimeFormatter.ISO_INSTANT.format(latest.toInstant());
            java.util.Set<String> at = new java.util.TreeSet<>();
            if (cursors.cursor(name).filter(value::equals).isPresent()) {
                at.addAll(atCursor(atName));
            }
            page.stream().filter(item -> modifiedOn.apply(item) != null
                    && modifiedOn.apply(item).toInstant().equals(latest.toInstant()))
                    .forEach(item -> at.add(String.valueOf(id.apply(item))));
            cursors.save(atName, String.join(",", at));
            cursors.save(name, value);
        });
    }

    private void advance(String name, List<OffsetDateTime> modified) {
        modified.stream().filter(m -> m != null).max(OffsetDateTime::compareTo).ifPresent(latest -> {
            String value = DateTimeFormatter.ISO_INSTANT.format(latest.toInstant());
            cursors.save(name, value);
            LOG.debug("{} now at {}", name, value);
        });
    }

    private String write(Object payload) {
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write intake payload", e);
        }
    }
}
