package io.dispatchgateway.gateway.web;

import io.dispatchgateway.gateway.tenancy.TenantAccess;
import io.dispatchgateway.core.model.TenantScope;
import java.util.HashMap;
import org.springframework.web.servlet.ModelAndView;
import io.dispatchgateway.core.model.Depot;
import io.dispatchgateway.core.model.DispatchPack;
import io.dispatchgateway.core.model.GeoPoint;
import io.dispatchgateway.core.model.Technician;
import io.dispatchgateway.core.plan.PlannedVisit;
import io.dispatchgateway.core.plan.Visit;
import io.dispatchgateway.gateway.dispatch.PlanBook;
import io.dispatchgateway.core.port.InventoryLookup;
import io.dispatchgateway.core.port.TechnicianDirectory;
import io.dispatchgateway.gateway.settings.GatewayProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dispatchgateway.core.model.JobStatus;
import io.dispatchgateway.gateway.intake.PayloadRejectedException;
import io.dispatchgateway.gateway.live.LiveOperations;
import io.dispatchgateway.gateway.persistence.JobStore;
import io.dispatchgateway.gateway.persistence.LiveOpsStore;
import io.swagger.v3.oas.annotations.Operation;
import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The technician's dispatch pack on the phone: a mobile-first page and the same as JSON. The signed link in
 * {@code pack.url} is the technician's credential (checked by the security chain before this runs); a
 * dispatcher can open it with their own login.
 */
@RestController
public class PackPageController {

    /**
     * The pack with what a technician may need beside it: the current arrival commitment, where to pick up each
     * part that is not on the truck (the nearest depot that has it, from where the technician is now), whom to
     * call, and the technician's next jobs after this one as their plan stands now.
     */
    public record PackView(DispatchPack pack, Instant expectedOnSite, List<PartPickup> pickups,
            Contact fallbackTechnician, String dispatchContact, List<NextJob> nextJobs) {}

    /** A job that follows in the technician's plan: what, where, and when they are expected there. */
    public record NextJob(String jobId, String summary, String address, Instant arrival, String priority) {}

    /** How many of the following jobs the pack lists. */
    private static final int NEXT_JOBS = 3;

    /** Where to fetch a part: the nearest depot with stock, or none. */
    public record PartPickup(String part, String depotId, String depotName, Double distanceKm, String navigationUrl) {}

    /** Someone to call. */
    public record Contact(String id, String name, String phone) {}

    private final JobStore jobs;
    private final LiveOperations operations;
    private final ObjectMapper json;
    private final Clock clock;
    private final TechnicianDirectory technicians;
    private final InventoryLookup inventory;
    private final LiveOpsStore live;
    private final String dispatchContact;
    private final DateTimeFormatter time;
    private final PlanBook plans;

    public PackPageController(JobStore jobs, TechnicianDirectory technicians, InventoryLookup inventory,
            LiveOpsStore live, GatewayProperties properties, LiveOperations operations, ObjectMapper json,
            Clock clock, PlanBook plans) {
        this.plans = plans;
        this.jobs = jobs;
        this.operations = operations;
        this.json = json;
        this.clock = clock;
        this.technicians = technicians;
        this.inventory = inventory;
        this.live = live;
        this.dispatchContact = properties.operations().dispatchContact();
        ZoneId zone = properties.zone();
        this.time = DateTimeFormatter.ofPattern("EEE d MMM, HH:mm z", Locale.ENGLISH).withZone(zone);
    }

    @Operation(summary = "The technician's dispatch pack as JSON (signed link or dispatcher login)")
    @GetMapping(path = "/api/v1/packs/{jobId}", produces = MediaType.APPLICATION_JSON_VALUE)
    public PackView json(@PathVariable String jobId) {
        return view(pack(jobId));
    }

    private PackView view(DispatchPack pack) {
        GeoPoint from = technicians.find(pack.technicianId()).map(Technician::currentPosition).orElse(null);
        List<PartPickup> pickups = new ArrayList<>();
        for (String part : pack.partsMissingFromTruck()) {
            String tenant = jobs.tenantOf(pack.jobId()).orElse(null);
            Technician holder = technicians.find(pack.technicianId()).orElse(null);
            Depot nearest = inventory.depots().stream()
                    .filter(d -> d.serves(tenant) && (holder == null || d.usableBy(holder)))
                    .filter(d -> d.stock().getOrDefault(part, 0) > 0)
                    .min(Comparator.comparingDouble((Depot d) -> from == null ? 0 : d.location().distanceKm(from))
                            .thenComparing(Depot::id))
                    .orElse(null);
            pickups.add(nearest == null ? new PartPickup(part, null, null, null, null)
                    : new PartPickup(part, nearest.id(), nearest.name(), from == null ? null
                            : Math.round(nearest.location().distanceKm(from) * 10) / 10.0,
                            String.format(Locale.ROOT, "https://www.google.com/maps/dir/?api=1&destination=%.6f,%.6f",
                                    nearest.location().lat(), nearest.location().lon())));
        }
        return new PackView(pack, live.live(pack.jobId()).map(LiveOpsStore.Live::eta).orElse(null), pickups,
                contact(pack.fallbackTechnicianId()), dispatchContact, nextJobs(pack));
    }

    /** The committed jobs after this one in the technician's plan (proposals still waiting for approval are not). */
    private List<NextJob> nextJobs(DispatchPack pack) {
        List<NextJob> next = new ArrayList<>();
        var authentication = org.springframework.security.core.context.SecurityContextHolder.getContext()
                .getAuthentication();
        boolean technicianLink = authentication != null && authentication.getName().startsWith("technician:");
        TenantScope scope = TenantAccess.scopeOf(authentication);
        plans.placed(pack.jobId()).filter(p -> p.technicianId().equals(pack.technicianId())).ifPresent(placed -> {
            List<PlannedVisit> visits = placed.plan().visits();
            for (int i = placed.position(); i < visits.size() && next.size() < NEXT_JOBS; i++) {
                PlannedVisit visit = visits.get(i);
                if (visit.visit().state() == Visit.State.PROPOSED) {
                    continue;
                }
                // The technician sees their own day; anyone else only the jobs of the tenants they act for.
                jobs.find(visit.jobId()).filter(job -> technicianLink || scope.allows(job.job().tenant()))
                        .ifPresent(job -> next.add(new NextJob(visit.jobId(), job.job().summary(),
                        job.job().location().address(), visit.planned() ? visit.arrival() : null,
                        visit.visit().priority() == null ? null : visit.visit().priority().name())));
            }
        });
        return next;
    }

    /** A required part and where to get it: null when it is on the truck. */
    public record PartLine(String part, PartPickup pickup) {}

    /** A next job as the page shows it. */
    public record NextLine(String jobId, String summary, String address, String arrival, String priority) {}

    @GetMapping(path = "/packs/{jobId}", produces = MediaType.TEXT_HTML_VALUE)
    public ModelAndView page(@PathVariable String jobId, @RequestParam(required = false) String token) {
        PackView view = view(pack(jobId));
        DispatchPack pack = view.pack();
        JobStatus status = jobs.find(jobId).orElseThrow().status();
        Map<String, Object> model = new HashMap<>();
        model.put("pack", pack);
        model.put("deadline", time.format(pack.slaDeadline()));
        model.put("expected", view.expectedOnSite() == null ? null : time.format(view.expectedOnSite()));
        model.put("status", status.name());
        model.put("offered", offered(status));
        model.put("action", action(jobId, token));
        model.put("parts", pack.requiredParts().stream().map(part -> new PartLine(part, view.pickups().stream()
                .filter(p -> p.part().equals(part)).findFirst().orElse(null))).toList());
        model.put("next", view.nextJobs().stream().map(next -> new NextLine(next.jobId(), next.summary(),
                next.address(), next.arrival() == null ? "not planned yet" : "expected at "
                        + time.format(next.arrival()), next.priority())).toList());
        model.put("dispatchContact", dispatchContact);
        model.put("fallback", view.fallbackTechnician());
        model.put("updated", time.format(pack.createdAt()));
        return Pages.view(HttpStatus.OK, "pack", model);
    }

    /**
     * The technician reports from the pack page: on the way, arrived, running late, a part missing, done. The
     * event goes through the same checks as the API's; the page then shows the job again.
     */
    @PostMapping(path = "/packs/{jobId}", produces = MediaType.TEXT_HTML_VALUE)
    public ModelAndView report(@PathVariable String jobId, @RequestParam(required = false) String token,
            @RequestParam(required = false) String type, @RequestParam(required = false) Integer lateMinutes,
            @RequestParam(required = false) String part, @RequestParam(required = false) Boolean firstTimeFix,
            Principal principal) {
        if (principal.getName().startsWith("technician:")) {
            // A link does what its page offers for the job's status now, nothing more (no cancelling, say).
            JobStatus status = jobs.find(jobId).map(JobStore.StoredJob::status).orElse(null);
            if (status == null || type == null || !offered(status).contains(type)) {
                return refused(HttpStatus.FORBIDDEN, "Not possible from this page", "This page cannot report "
                        + type + " now.", jobId, token);
            }
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", type);
        if ("DELAYED".equals(type)) {
            // The page offers 15 minutes to 4 hours; a day at most is a lateness, more is not.
            if (lateMinutes != null && (lateMinutes < 1 || lateMinutes > 24 * 60)) {
                return refused(HttpStatus.BAD_REQUEST, "Not sent", "lateMinutes must be between 1 and 1440 minutes",
                        jobId, token);
            }
            event.put("newEta", clock.instant().plusSeconds(60L * (lateMinutes == null ? 30 : lateMinutes))
                    .toString());
        }
        if ("PART_MISSING".equals(type) && part != null && !part.isBlank()) {
            event.put("parts", List.of(part.strip()));
        }
        if ("COMPLETED".equals(type)) {
            event.put("firstTimeFix", firstTimeFix);
        }
        String actor = principal.getName().startsWith("technician:") ? principal.getName()
                : "user:" + principal.getName();
        try {
            operations.report(jobId, json.writeValueAsString(event), actor);
        } catch (PayloadRejectedException e) {
            return refused(HttpStatus.BAD_REQUEST, "Not sent", e.problems().stream()
                    .map(p -> p.field() + " " + p.message()).reduce((a, b) -> a + "; " + b).orElse("invalid"),
                    jobId, token);
        } catch (LiveOperations.WrongStateException e) {
            return refused(HttpStatus.CONFLICT, "Not possible now", e.getMessage(), jobId, token);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        ModelAndView again = new ModelAndView(new org.springframework.web.servlet.view.RedirectView(
                action(jobId, token), true));
        again.setStatus(HttpStatus.SEE_OTHER);
        return again;
    }

    private static ModelAndView refused(HttpStatus status, String title, String text, String jobId, String token) {
        return Pages.message(status, title, "refusal", text, action(jobId, token), "Back to the pack");
    }

    /** The pack page's address, with the link's token when it was opened through one. */
    private static String action(String jobId, String token) {
        return "/packs/" + jobId + (token == null ? "" : "?token=" + java.net.URLEncoder.encode(token,
                java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The reports the page offers for a job in {@code status}, as its buttons show them. */
    static java.util.Set<String> offered(JobStatus status) {
        return switch (status) {
            case ASSIGNED, PAUSED -> java.util.Set.of("EN_ROUTE", "ARRIVED", "DELAYED");
            case EN_ROUTE -> java.util.Set.of("ARRIVED", "DELAYED");
            case ON_SITE -> java.util.Set.of("COMPLETED", "PART_MISSING");
            default -> java.util.Set.of();
        };
    }

    /** The polite refusal of a link that was altered, expired or belongs to a previous assignment. */
    public static Pages.Message refusal(boolean expired) {
        return expired
                ? new Pages.Message("This link has expired", "refusal", "This dispatch pack link has expired. Ask"
                        + " the dispatch desk for a new one; the job is unchanged.", null, null, null)
                : new Pages.Message("This link is not valid", "refusal", "This dispatch pack link is not valid: it"
                        + " may have been changed, or the job has been given to another technician. Ask the dispatch"
                        + " desk for the current link.", null, null, null);
    }

    private DispatchPack pack(String jobId) {
        JobStore.StoredJob stored = jobs.find(jobId)
                .orElseThrow(() -> new NoSuchElementException("no job with id '" + jobId + "'"));
        if (stored.pack() == null) {
            throw new NoSuchElementException("job " + jobId + " has no dispatch pack (it is " + stored.status() + ")");
        }
        return stored.pack();
    }

    private Contact contact(String technicianId) {
        if (technicianId == null) {
            return null;
        }
        Technician technician = technicians.find(technicianId).orElse(null);
        return technician == null ? new Contact(technicianId, technicianId, null) : new Contact(technician.id(),
                technician.name(), technician.contact() == null ? null : technician.contact().phone());
    }
}
