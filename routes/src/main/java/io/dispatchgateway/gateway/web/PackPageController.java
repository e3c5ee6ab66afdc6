package io.dispatchgateway.gateway.web;

import io.dispatchgateway.core.model.Depot;
import io.dispatchgateway.core.model.DispatchPack;
import io.dispatchgateway.core.model.GeoPoint;
import io.dispatchgateway.core.model.Technician;
import io.dispatchgateway.core.plan.PlannedVisit;
import io.dispatchgateway.core.plan.Visit;
import io.dispatchgateway.gateway.flow.PlanBook;
import io.dispatchgateway.core.port.InventoryLookup;
import io.dispatchgateway.core.port.TechnicianDirectory;
import io.dispatchgateway.gateway.config.GatewayProperties;
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
            Depot nearest = inventory.depots().stream().filter(d -> d.stock().getOrDefault(part, 0) > 0)
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
        plans.placed(pack.jobId()).filter(p -> p.technicianId().equals(pack.technicianId())).ifPresent(placed -> {
            List<PlannedVisit> visits = placed.plan().visits();
            for (int i = placed.position(); i < visits.size() && next.size() < NEXT_JOBS; i++) {
                PlannedVisit visit = visits.get(i);
                if (visit.visit().state() == Visit.State.PROPOSED) {
                    continue;
                }
                jobs.find(visit.jobId()).ifPresent(job -> next.add(new NextJob(visit.jobId(), job.job().summary(),
                        job.job().location().address(), visit.planned() ? visit.arrival() : null,
                        visit.visit().priority() == null ? null : visit.visit().priority().name())));
            }
        });
        return next;
    }

    @GetMapping(path = "/packs/{jobId}", produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> page(@PathVariable String jobId, @RequestParam(required = false) String token) {
        PackView view = view(pack(jobId));
        DispatchPack pack = view.pack();
        Contact fallback = view.fallbackTechnician();
        StringBuilder body = new StringBuilder();
        body.append("<p class=\"meta\">Job ").append(esc(pack.jobId())).append(" · ").append(esc(pack.category()))
                .append(" · <strong>").append(esc(pack.priority().name())).append("</strong></p>");
        body.append("<section id=\"issue\"><h2>Issue</h2><p>").append(esc(pack.issueSummary())).append("</p></section>");
        body.append("<section id=\"sla\"><h2>SLA deadline</h2><p class=\"deadline\">")
                .append(esc(time.format(pack.slaDeadline()))).append("</p>");
        if (view.expectedOnSite() != null) {
            body.append("<p id=\"eta\">You are expected on site at ").append(esc(time.format(view.expectedOnSite())))
                    .append(".</p>");
        }
        body.append("</section>").append(actions(jobId, token, jobs.find(jobId).orElseThrow().status()));
        body.append("<section id=\"customer\"><h2>Customer</h2><p>").append(esc(pack.customerName()))
                .append("<br>").append(esc(pack.siteAddress())).append("</p><p><a id=\"navigate\" class=\"button\" href=\"")
                .append(esc(pack.navigationUrl())).append("\">Navigate</a></p>")
                .append("<h3>Notes</h3><p id=\"notes\">").append(pack.customerNotes() == null || pack.customerNotes()
                        .isBlank() ? "None." : esc(pack.customerNotes())).append("</p></section>");
        body.append("<section id=\"parts\"><h2>Parts</h2>");
        if (pack.requiredParts().isEmpty()) {
            body.append("<p>No parts listed.</p>");
        } else {
            body.append("<ul>");
            for (String part : pack.requiredParts()) {
                PartPickup pickup = view.pickups().stream().filter(p -> p.part().equals(part)).findFirst()
                        .orElse(null);
                body.append("<li>").append(esc(part));
                if (pickup == null) {
                    body.append(" (on your truck)");
                } else if (pickup.depotId() == null) {
                    body.append(" <em>(not on your truck, and no depot has it: call dispatch)</em>");
                } else {
                    body.append(" <em>(pick up at <a href=\"").append(esc(pickup.navigationUrl())).append("\">")
                            .append(esc(pickup.depotName())).append("</a>, ").append(esc(pickup.depotId()))
                            .append(pickup.distanceKm() == null ? "" : ", " + pickup.distanceKm() + " km away")
                            .append(")</em>");
                }
                body.append("</li>");
            }
            body.append("</ul>");
        }
        body.append("</section><section id=\"rules\"><h2>Escalation rules</h2><ol>");
        pack.escalationRules().forEach(rule -> body.append("<li>").append(esc(rule)).append("</li>"));
        body.append("</ol></section><section id=\"next\"><h2>Next jobs</h2>");
        if (view.nextJobs().isEmpty()) {
            body.append("<p>Nothing after this job yet.</p>");
        } else {
            body.append("<ol>");
            for (NextJob next : view.nextJobs()) {
                body.append("<li>").append(esc(next.summary())).append(" <span class=\"meta\">(")
                        .append(esc(next.jobId())).append(next.priority() == null ? "" : ", " + esc(next.priority()))
                        .append(")</span><br>").append(esc(next.address())).append("<br>")
                        .append(next.arrival() == null ? "not planned yet" : "expected at "
                                + esc(time.format(next.arrival()))).append("</li>");
            }
            body.append("</ol>");
        }
        body.append("</section><section id=\"contacts\"><h2>Contacts</h2><p>Dispatch: ")
                .append(esc(dispatchContact)).append("</p><p id=\"fallback\">Fallback technician: ");
        if (fallback == null) {
            body.append("none named");
        } else {
            body.append(esc(fallback.name())).append(" (").append(esc(fallback.id())).append(")");
            if (fallback.phone() != null) {
                body.append(" <a href=\"tel:").append(esc(fallback.phone())).append("\">").append(esc(fallback.phone()))
                        .append("</a>");
            }
        }
        body.append("</p></section><p class=\"meta\">Updated ").append(esc(time.format(pack.createdAt())))
                .append("</p>");
        return html(HttpStatus.OK, "Dispatch pack", body.toString());
    }

    /**
     * The technician reports from the pack page: on the way, arrived, running late, a part missing, done. The
     * event goes through the same checks as the API's; the page then shows the job again.
     */
    @PostMapping(path = "/packs/{jobId}", produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> report(@PathVariable String jobId, @RequestParam(required = false) String token,
            @RequestParam(required = false) String type, @RequestParam(required = false) Integer lateMinutes,
            @RequestParam(required = false) String part, @RequestParam(required = false) Boolean firstTimeFix,
            Principal principal) {
        if (principal.getName().startsWith("technician:")) {
            // A link does what its page offers for the job's status now, nothing more (no cancelling, say).
            JobStatus status = jobs.find(jobId).map(JobStore.StoredJob::status).orElse(null);
            if (status == null || type == null || !offered(status).contains(type)) {
                return html(HttpStatus.FORBIDDEN, "Not possible from this page", "<p id=\"refusal\">This page"
                        + " cannot report " + esc(String.valueOf(type)) + " now.</p>" + back(jobId, token));
            }
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", type);
        if ("DELAYED".equals(type)) {
            // The page offers 15 minutes to 4 hours; a day at most is a lateness, more is not.
            if (lateMinutes != null && (lateMinutes < 1 || lateMinutes > 24 * 60)) {
                return html(HttpStatus.BAD_REQUEST, "Not sent", "<p id=\"refusal\">lateMinutes must be between 1"
                        + " and 1440 minutes</p>" + back(jobId, token));
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
            return html(HttpStatus.BAD_REQUEST, "Not sent", "<p id=\"refusal\">" + esc(e.problems().stream()
                    .map(p -> p.field() + " " + p.message()).reduce((a, b) -> a + "; " + b).orElse("invalid"))
                    + "</p>" + back(jobId, token));
        } catch (LiveOperations.WrongStateException e) {
            return html(HttpStatus.CONFLICT, "Not possible now", "<p id=\"refusal\">" + esc(e.getMessage()) + "</p>"
                    + back(jobId, token));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return ResponseEntity.status(HttpStatus.SEE_OTHER).location(java.net.URI.create("/packs/" + jobId
                + (token == null ? "" : "?token=" + java.net.URLEncoder.encode(token,
                        java.nio.charset.StandardCharsets.UTF_8)))).build();
    }

    private static String back(String jobId, String token) {
        return "<p><a class=\"button\" href=\"/packs/" + esc(jobId) + (token == null ? "" : "?token=" + esc(token))
                + "\">Back to the pack</a></p>";
    }

    /** The buttons that fit the job's status. */
    private static String actions(String jobId, String token, JobStatus status) {
        String action = "/packs/" + esc(jobId) + (token == null ? "" : "?token=" + esc(token));
        StringBuilder form = new StringBuilder("<section id=\"report\"><h2>Report</h2><p class=\"meta\">Job is "
                + esc(status.name()) + "</p>");
        switch (status) {
            case ASSIGNED, PAUSED -> form.append(button(action, "EN_ROUTE", "On my way", ""))
                    .append(button(action, "ARRIVED", "Arrived", ""))
                    .append(late(action));
            case EN_ROUTE -> form.append(button(action, "ARRIVED", "Arrived", "")).append(late(action));
            case ON_SITE -> form.append(button(action, "COMPLETED", "Done, fixed", "<input type=\"hidden\""
                            + " name=\"firstTimeFix\" value=\"true\">"))
                    .append(button(action, "COMPLETED", "Done, another visit needed", "<input type=\"hidden\""
                            + " name=\"firstTimeFix\" value=\"false\">"))
                    .append("<form method=\"post\" action=\"" + action + "\"><input type=\"hidden\" name=\"type\""
                            + " value=\"PART_MISSING\"><input name=\"part\" placeholder=\"Part number\" required>"
                            + "<button class=\"button\">Part missing</button></form>");
            default -> form.append("<p>Nothing to report.</p>");
        }
        return form.append("</section>").toString();
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

    private static String button(String action, String type, String label, String extra) {
        return "<form method=\"post\" action=\"" + action + "\"><input type=\"hidden\" name=\"type\" value=\"" + type
                + "\">" + extra + "<button class=\"button\" id=\"" + type.toLowerCase() + "\">" + esc(label)
                + "</button></form>";
    }

    private static String late(String action) {
        return "<form method=\"post\" action=\"" + action + "\"><input type=\"hidden\" name=\"type\" value=\"DELAYED\">"
                + "<select name=\"lateMinutes\"><option value=\"15\">15 min</option><option value=\"30\" selected>30 min"
                + "</option><option value=\"60\">1 h</option><option value=\"120\">2 h</option></select>"
                + "<button class=\"button\">Running late</button></form>";
    }

    /** The polite refusal of a link that was altered, expired or belongs to a previous assignment. */
    public static ResponseEntity<String> refusal(boolean expired) {
        return expired
                ? html(HttpStatus.GONE, "This link has expired", "<p id=\"refusal\">This dispatch pack link has"
                        + " expired. Ask the dispatch desk for a new one; the job is unchanged.</p>")
                : html(HttpStatus.FORBIDDEN, "This link is not valid", "<p id=\"refusal\">This dispatch pack link"
                        + " is not valid: it may have been changed, or the job has been given to another technician."
                        + " Ask the dispatch desk for the current link.</p>");
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

    private static ResponseEntity<String> html(HttpStatus status, String title, String body) {
        return MobilePages.page(status, "h1", title, "h1{font-size:1.3rem;margin:.2rem 0}"
                + "h2{font-size:1.05rem;margin:1rem 0 .3rem}h3{font-size:1rem}"
                + "section{border-top:1px solid #d0d7de}.meta{color:#57606a;font-size:.9rem}"
                + ".deadline{font-size:1.2rem;font-weight:700;color:#cf222e}"
                + ".button{display:inline-block;padding:.7rem 1.2rem;border-radius:.4rem;background:#1f6feb;"
                + "color:#fff;text-decoration:none;font-size:1.1rem;border:0;margin:.3rem .3rem .3rem 0}"
                + "li{margin:.3rem 0}form{display:inline-block}select,input{font-size:1rem;padding:.5rem}", body);
    }

    private static String esc(String value) {
        return MobilePages.esc(value);
    }
}
