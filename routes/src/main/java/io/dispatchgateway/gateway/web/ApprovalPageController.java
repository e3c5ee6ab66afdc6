package io.dispatchgateway.gateway.web;

import io.dispatchgateway.core.approval.ApprovalLinks;
import io.dispatchgateway.core.model.Approval;
import io.dispatchgateway.core.model.ApprovalStatus;
import io.dispatchgateway.core.model.RankedOption;
import io.dispatchgateway.gateway.flow.ApprovalDesk;
import io.dispatchgateway.gateway.flow.InvalidRequestException;
import io.dispatchgateway.gateway.persistence.JobStore;
import io.dispatchgateway.core.port.CustomerDirectory;
import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

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
    public ResponseEntity<String> show(@PathVariable String id, @RequestParam(required = false) String token,
            @RequestParam(required = false) String technician) {
        Optional<ResponseEntity<String>> refused = checkLink(id, token);
        if (refused.isPresent()) {
            return refused.get();
        }
        Approval approval = jobs.findApproval(id).orElse(null);
        if (approval == null) {
            return page(HttpStatus.NOT_FOUND, "Approval not found", "<p>There is no approval " + esc(id) + ".</p>");
        }
        if (approval.status() != ApprovalStatus.PENDING) {
            return decided(approval);
        }
        JobStore.StoredJob job = jobs.find(approval.jobId()).orElseThrow();
        String customer = customers.find(job.job().customerId()).map(c -> c.name() + " (" + c.tier() + ")")
                .orElse(job.job().customerId());
        StringBuilder body = new StringBuilder();
        body.append("<h1>").append(esc(job.job().summary())).append("</h1>");
        body.append("<dl>")
                .append(fact("Customer", customer))
                .append(fact("Priority", job.classification().priority() + ", " + job.classification().category()))
                .append(fact("SLA deadline", job.classification().slaDeadline().toString()))
                .append(fact("Address", job.job().location().address() == null ? "" : job.job().location().address()))
                .append(fact("Why", String.join("; ", approval.reasons())))
                .append("</dl>");
        body.append("<form method=\"post\" action=\"/approvals/").append(esc(id)).append("\">")
                .append("<input type=\"hidden\" name=\"token\" value=\"").append(esc(token)).append("\">")
                .append("<fieldset><legend>Send</legend>");
        String preselected = technician != null ? technician : approval.recommendedTechnicianId();
        for (RankedOption option : job.recommendation().options().stream().limit(5).toList()) {
            body.append("<label class=\"option\"><input type=\"radio\" name=\"technicianId\" value=\"")
                    .append(esc(option.technicianId())).append("\"")
                    .append(option.technicianId().equals(preselected) ? " checked" : "").append("> <b>")
                    .append(esc(option.technicianId())).append("</b> score ")
                    .append(String.format(Locale.ROOT, "%.3f", option.score())).append(", ETA ").append(option.eta())
                    .append(", breach ").append(String.format(Locale.ROOT, "%.0f %%", option.breachProbability() * 100))
                    .append("</label>");
        }
        body.append("<label>Another technician <input name=\"otherTechnicianId\" autocomplete=\"off\"></label>")
                .append("</fieldset>")
                .append("<label>Comment <textarea name=\"comment\" rows=\"3\"></textarea></label>")
                .append("<button id=\"approve\" name=\"decision\" value=\"APPROVE\">Approve</button>")
                .append("<button id=\"reject\" name=\"decision\" value=\"REJECT\" class=\"secondary\">Reject</button>")
                .append("</form>");
        return page(HttpStatus.OK, "Approve " + job.job().id(), body.toString());
    }

    @PostMapping(path = "/approvals/{id}", produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> decide(@PathVariable String id, @RequestParam(required = false) String token,
            @RequestParam(required = false) String decision, @RequestParam(required = false) String technicianId,
            @RequestParam(required = false) String otherTechnicianId, @RequestParam(required = false) String comment,
            Principal principal) {
        Optional<ResponseEntity<String>> refused = checkLink(id, token);
        if (refused.isPresent()) {
            return refused.get();
        }
        ApprovalDesk.Decision choice;
        try {
            choice = ApprovalDesk.Decision.valueOf(decision == null ? "" : decision);
        } catch (IllegalArgumentException e) {
            return page(HttpStatus.BAD_REQUEST, "Choose a decision", "<p>Use Approve or Reject.</p>");
        }
        String chosen = otherTechnicianId != null && !otherTechnicianId.isBlank() ? otherTechnicianId : technicianId;
        // The same bounds as the API's decision: a comment of 2,000 characters, a technician id of 64.
        if (comment != null && comment.length() > 2000 || chosen != null && chosen.length() > 64) {
            return page(HttpStatus.BAD_REQUEST, "Too long", "<p id=\"refusal\">A comment is at most 2,000"
                    + " characters and a technician id at most 64.</p>");
        }
        try {
            Approval decided = desk.decide(id, choice, chosen, comment, principal.getName(),
                    ApprovalDesk.isManager(principal));
            return page(HttpStatus.OK, decided.status() == ApprovalStatus.APPROVED ? "Approved" : "Rejected",
                    "<p id=\"result\">" + (decided.status() == ApprovalStatus.APPROVED
                            ? "Job " + esc(decided.jobId()) + " is being assigned to " + esc(decided.technicianId())
                            : "Job " + esc(decided.jobId()) + " was rejected") + " by " + esc(principal.getName())
                            + ".</p>");
        } catch (ApprovalDesk.AlreadyDecidedException e) {
            return decided(e.current());
        } catch (ApprovalDesk.ManagerRequiredException e) {
            return page(HttpStatus.FORBIDDEN, "A manager must decide", "<p id=\"refusal\">" + esc(e.getMessage())
                    + ".</p>");
        } catch (InvalidRequestException e) {
            return page(HttpStatus.BAD_REQUEST, "Cannot do that", "<p>" + esc(e.problems().stream()
                    .map(p -> p.field() + ": " + p.message()).collect(Collectors.joining("; "))) + "</p>"
                    + "<p><a href=\"/approvals/" + esc(id) + "?token=" + esc(token) + "\">Back</a></p>");
        } catch (java.util.NoSuchElementException e) {
            return page(HttpStatus.NOT_FOUND, "Approval not found", "<p>There is no approval " + esc(id) + ".</p>");
        }
    }

    private Optional<ResponseEntity<String>> checkLink(String id, String token) {
        Optional<Instant> expiry = links.verify(id, token);
        if (expiry.isEmpty()) {
            return Optional.of(page(HttpStatus.FORBIDDEN, "This link is not valid",
                    "<p>The link is incomplete or was changed. Open the approval from its Teams card again.</p>"));
        }
        if (expiry.get().isBefore(clock.instant())) {
            return Optional.of(page(HttpStatus.GONE, "This link has expired",
                    "<p>The link expired at " + expiry.get() + ". The approval is still in the gateway's inbox"
                            + " (GET /api/v1/approvals).</p>"));
        }
        return Optional.empty();
    }

    private ResponseEntity<String> decided(Approval approval) {
        return page(HttpStatus.CONFLICT, "Already decided", "<p id=\"result\">Approval " + esc(approval.id()) + " was "
                + approval.status() + " by " + esc(approval.decidedBy()) + " at " + approval.decidedAt()
                + (approval.technicianId() == null ? "" : " (technician " + esc(approval.technicianId()) + ")")
                + ".</p>");
    }

    private static ResponseEntity<String> page(HttpStatus status, String title, String body) {
        return MobilePages.page(status, "h2", title, "h1{font-size:1.3rem}dt{font-weight:600}dd{margin:0 0 .5rem}"
                + "label{display:block;margin:.5rem 0}.option{padding:.6rem;border:1px solid #ccc;border-radius:.4rem}"
                + "input[name=otherTechnicianId],textarea{width:100%;box-sizing:border-box;font-size:1rem}"
                + "button{font-size:1.1rem;padding:.8rem 1.2rem;margin:.5rem .5rem 0 0;border:0;border-radius:.4rem;"
                + "background:#1f6feb;color:#fff}button.secondary{background:#6e7781}", body);
    }

    private static String fact(String title, String value) {
        return "<dt>" + esc(title) + "</dt><dd>" + esc(value) + "</dd>";
    }

    static String esc(String value) {
        return MobilePages.esc(value);
    }
}
