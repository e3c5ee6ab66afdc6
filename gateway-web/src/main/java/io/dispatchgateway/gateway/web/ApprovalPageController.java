package io.dispatchgateway.gateway.web;

import io.dispatchgateway.gateway.dispatch.ManagerRequiredException;
import io.dispatchgateway.core.approval.ApprovalLinks;
import io.dispatchgateway.core.model.Approval;
import io.dispatchgateway.core.model.ApprovalStatus;
import io.dispatchgateway.gateway.dispatch.ApprovalDesk;
import io.dispatchgateway.gateway.dispatch.InvalidRequestException;
import io.dispatchgateway.gateway.persistence.JobStore;
import io.dispatchgateway.core.port.CustomerDirectory;
import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The approval page that Teams card buttons open: a small, phone-sized HTML page. The signed link token must
 * be valid and unexpired; the signed-in user approves one of the options, names another technician, or rejects
 * with a comment. The token travels with the form, so another site cannot post a decision in the user's name.
 * Expired or altered links and approvals already decided get a page that says so.
 */
@Controller
public class ApprovalPageController {

    private final JobStore jobs;
    private final CustomerDirectory customers;
    private final ApprovalDesk desk;
    private final ApprovalLinks links;
    private final Clock clock;

    public ApprovalPageController(JobStore jobs, CustomerDirectory customers, ApprovalDesk desk, ApprovalLinks links,
            Clock clock) {
        this.jobs = jobs;
        this.customers = customers;
        this.desk = desk;
        this.links = links;
        this.clock = clock;
    }

    @GetMapping(path = "/approvals/{id}", produces = MediaType.TEXT_HTML_VALUE)
    public ModelAndView show(@PathVariable String id, @RequestParam(required = false) String token,
            @RequestParam(required = false) String technician) {
        Optional<ModelAndView> refused = checkLink(id, token);
        if (refused.isPresent()) {
            return refused.get();
        }
        Approval approval = jobs.findApproval(id).orElse(null);
        if (approval == null) {
            return Pages.message(HttpStatus.NOT_FOUND, "Approval not found", null, "There is no approval " + id + ".");
        }
        if (approval.status() != ApprovalStatus.PENDING) {
            return decided(approval);
        }
        JobStore.StoredJob job = jobs.find(approval.jobId()).orElseThrow();
        String customer = customers.find(job.job().customerId()).map(c -> c.name() + " (" + c.tier() + ")")
                .orElse(job.job().customerId());
        Map<String, Object> model = new HashMap<>();
        model.put("title", "Approve " + job.job().id());
        model.put("job", job.job());
        model.put("customer", customer);
        model.put("classification", job.classification());
        model.put("approval", approval);
        model.put("token", token);
        model.put("options", job.recommendation().options().stream().limit(5).toList());
        model.put("preselected", technician != null ? technician : approval.recommendedTechnicianId());
        return Pages.view(HttpStatus.OK, "approval", model);
    }

    @PostMapping(path = "/approvals/{id}", produces = MediaType.TEXT_HTML_VALUE)
    public ModelAndView decide(@PathVariable String id, @RequestParam(required = false) String token,
            @RequestParam(required = false) String decision, @RequestParam(required = false) String technicianId,
            @RequestParam(required = false) String otherTechnicianId, @RequestParam(required = false) String comment,
            Principal principal) {
        Optional<ModelAndView> refused = checkLink(id, token);
        if (refused.isPresent()) {
            return refused.get();
        }
        ApprovalDesk.Decision choice;
        try {
            choice = ApprovalDesk.Decision.valueOf(decision == null ? "" : decision);
        } catch (IllegalArgumentException e) {
            return Pages.message(HttpStatus.BAD_REQUEST, "Choose a decision", null, "Use Approve or Reject.");
        }
        String chosen = otherTechnicianId != null && !otherTechnicianId.isBlank() ? otherTechnicianId : technicianId;
        // The same bounds as the API's decision: a comment of 2,000 characters, a technician id of 64.
        if (comment != null && comment.length() > 2000 || chosen != null && chosen.length() > 64) {
            return Pages.message(HttpStatus.BAD_REQUEST, "Too long", "refusal", "A comment is at most 2,000"
                    + " characters and a technician id at most 64.");
        }
        String back = "/approvals/" + id + "?token=" + java.net.URLEncoder.encode(token,
                java.nio.charset.StandardCharsets.UTF_8);
        try {
            Approval decided = desk.decide(id, choice, chosen, comment, principal.getName(),
                    ApprovalDesk.isManager(principal));
            return Pages.message(HttpStatus.OK, decided.status() == ApprovalStatus.APPROVED ? "Approved" : "Rejected",
                    "result", (decided.status() == ApprovalStatus.APPROVED
                            ? "Job " + decided.jobId() + " is being assigned to " + decided.technicianId()
                            : "Job " + decided.jobId() + " was rejected") + " by " + principal.getName() + ".");
        } catch (ApprovalDesk.AlreadyDecidedException e) {
            return decided(e.current());
        } catch (ManagerRequiredException e) {
            return Pages.message(HttpStatus.FORBIDDEN, "A manager must decide", "refusal", e.getMessage() + ".");
        } catch (InvalidRequestException e) {
            return Pages.message(HttpStatus.BAD_REQUEST, "Cannot do that", "refusal", e.problems().stream()
                    .map(p -> p.field() + ": " + p.message()).collect(Collectors.joining("; ")), back, "Back");
        } catch (java.util.NoSuchElementException e) {
            return Pages.message(HttpStatus.NOT_FOUND, "Approval not found", null, "There is no approval " + id + ".");
        }
    }

    private Optional<ModelAndView> checkLink(String id, String token) {
        Optional<Instant> expiry = links.verify(id, token);
        if (expiry.isEmpty()) {
            return Optional.of(Pages.message(HttpStatus.FORBIDDEN, "This link is not valid", "refusal",
                    "The link is incomplete or was changed. Open the approval from its Teams card again."));
        }
        if (expiry.get().isBefore(clock.instant())) {
            return Optional.of(Pages.message(HttpStatus.GONE, "This link has expired", "refusal",
                    "The link expired at " + expiry.get() + ". The approval is still in the gateway's inbox"
                            + " (GET /api/v1/approvals)."));
        }
        return Optional.empty();
    }

    private ModelAndView decided(Approval approval) {
        return Pages.message(HttpStatus.CONFLICT, "Already decided", "result", "Approval " + approval.id() + " was "
                + approval.status() + " by " + approval.decidedBy() + " at " + approval.decidedAt()
                + (approval.technicianId() == null ? "" : " (technician " + approval.technicianId() + ")") + ".");
    }
}
