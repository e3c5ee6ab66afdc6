package io.dispatchgateway.gateway.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dispatchgateway.core.model.DispatchPack;
import io.dispatchgateway.core.model.JobStatus;
import io.dispatchgateway.gateway.intake.PayloadRejectedException;
import io.dispatchgateway.gateway.live.LiveOperations;
import io.dispatchgateway.gateway.persistence.JobStore;
import io.dispatchgateway.gateway.settings.GatewayProperties;
import io.swagger.v3.oas.annotations.Operation;
import java.security.Principal;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.ModelAndView;

/**
 * The technician's dispatch pack on the phone: a mobile-first page and the same as JSON. The signed link in
 * {@code pack.url} is the technician's credential (checked by the security chain before this runs); a
 * dispatcher can open it with their own login.
 */
@RestController
public class PackPageController {

    private final JobStore jobs;
    private final PackViews views;
    private final LiveOperations operations;
    private final ObjectMapper json;
    private final Clock clock;
    private final String dispatchContact;
    private final DateTimeFormatter time;

    public PackPageController(JobStore jobs, PackViews views, LiveOperations operations, ObjectMapper json,
            Clock clock, GatewayProperties properties) {
        this.jobs = jobs;
        this.views = views;
        this.operations = operations;
        this.json = json;
        this.clock = clock;
        this.dispatchContact = properties.operations().dispatchContact();
        ZoneId zone = properties.zone();
        this.time = DateTimeFormatter.ofPattern("EEE d MMM, HH:mm z", Locale.ENGLISH).withZone(zone);
    }

    @Operation(summary = "The technician's dispatch pack as JSON (signed link or dispatcher login)")
    @GetMapping(path = "/api/v1/packs/{jobId}", produces = MediaType.APPLICATION_JSON_VALUE)
    public PackViews.PackView json(@PathVariable String jobId) {
        return views.of(jobId);
    }

    /** A required part and where to get it: null when it is on the truck. */
    public record PartLine(String part, PackViews.PartPickup pickup) {}

    /** A next job as the page shows it. */
    public record NextLine(String jobId, String summary, String address, String arrival, String priority) {}

    @GetMapping(path = "/packs/{jobId}", produces = MediaType.TEXT_HTML_VALUE)
    public ModelAndView page(@PathVariable String jobId, @RequestParam(required = false) String token) {
        PackViews.PackView view = views.of(jobId);
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

}
