package io.dispatchgateway.gateway.web;

import io.dispatchgateway.core.approval.ApprovalLinks;
import io.dispatchgateway.core.port.ApprovalChannel;
import io.dispatchgateway.gateway.config.GatewayProperties;
import io.dispatchgateway.gateway.flow.PlanOptimizations;
import io.dispatchgateway.gateway.flow.PlanReviews;
import io.dispatchgateway.gateway.persistence.ProposalStore;
import io.dispatchgateway.gateway.persistence.ProposalStore.MoveStatus;
import io.dispatchgateway.gateway.persistence.ProposalStore.StoredMove;
import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The page a plan proposal's Teams card opens: every move that waits for a dispatcher (from which technician to
 * which, the arrival before and after, why it waits, the optimizer's reason) and the plans those moves change, as
 * they stand and as proposed. The signed-in user accepts or rejects the moves ticked; the signed link's token
 * travels with the form, so another site cannot post a decision in the user's name.
 */
@Controller
public class PlanProposalPageController {

    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("EEE HH:mm", Locale.ENGLISH);

    private final ProposalStore proposals;
    private final PlanReviews reviews;
    private final PlanOptimizations optimizations;
    private final ApprovalLinks links;
    private final GatewayProperties properties;
    private final Clock clock;

    public PlanProposalPageController(ProposalStore proposals, PlanReviews reviews, PlanOptimizations optimizations,
            ApprovalLinks links, GatewayProperties properties, Clock clock) {
        this.proposals = proposals;
        this.reviews = reviews;
        this.optimizations = optimizations;
        this.links = links;
        this.properties = properties;
        this.clock = clock;
    }

    @GetMapping(path = "/plans/proposals/{id}", produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> show(@PathVariable String id, @RequestParam(required = false) String token) {
        Optional<ResponseEntity<String>> refused = checkLink(id, token);
        if (refused.isPresent()) {
            return refused.get();
        }
        ProposalStore.Proposal proposal = proposals.find(id).orElse(null);
        if (proposal == null) {
            return page(HttpStatus.NOT_FOUND, "Proposal not found", "<p>There is no plan proposal " + esc(id)
                    + ".</p>");
        }
        ApprovalChannel.PlanReview review = reviews.reviewOf(proposal);
        if (review.moves().isEmpty()) {
            return decided(proposal);
        }
        StringBuilder body = new StringBuilder();
        body.append("<dl>").append(fact("Territory", proposal.territory() == null ? "all" : proposal.territory()))
                .append(fact("Requested by", proposal.requestedBy()))
                .append(fact("Optimized at", local(proposal.createdAt())))
                .append(fact("Objectives", String.format(Locale.ROOT, "%.3f before, %.3f with every move",
                        review.objectivesBefore(), review.objectivesAfter())))
                .append("</dl>");
        body.append("<form method=\"post\" action=\"/plans/proposals/").append(esc(id)).append("\">")
                .append("<input type=\"hidden\" name=\"token\" value=\"").append(esc(token)).append("\">")
                .append("<fieldset><legend>Moves waiting for you</legend>");
        for (ApprovalChannel.ReviewedMove move : review.moves()) {
            body.append("<label class=\"move\"><input type=\"checkbox\" name=\"jobId\" value=\"")
                    .append(esc(move.jobId())).append("\" checked> <b>").append(esc(move.jobId())).append("</b> ")
                    .append(esc(move.summary())).append(": <b>").append(esc(move.fromTechnicianId()))
                    .append(" → ").append(esc(move.toTechnicianId())).append("</b>, arrives ")
                    .append(esc(local(move.arrivalAfter()))).append(" (was ").append(esc(local(move.arrivalBefore())))
                    .append(")<br><small>").append(esc(move.gate())).append(". ").append(esc(move.reason()))
                    .append("</small></label>");
        }
        body.append("</fieldset><h2>Plans before and after</h2><table><tr><th>Technician</th><th>Now</th>"
                + "<th>Proposed</th></tr>");
        for (Map.Entry<String, List<String>> plan : review.plansBefore().entrySet()) {
            body.append("<tr><td>").append(esc(plan.getKey())).append("</td><td>")
                    .append(esc(jobs(plan.getValue()))).append("</td><td>")
                    .append(esc(jobs(review.plansAfter().getOrDefault(plan.getKey(), List.of()))))
                    .append("</td></tr>");
        }
        body.append("</table>")
                .append("<button id=\"accept\" name=\"decision\" value=\"ACCEPT\">Accept the ticked moves</button>")
                .append("<button id=\"reject\" name=\"decision\" value=\"REJECT\" class=\"secondary\">"
                        + "Reject the ticked moves</button></form>");
        return page(HttpStatus.OK, "Plan proposal " + id, body.toString());
    }

    @PostMapping(path = "/plans/proposals/{id}", produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> decide(@PathVariable String id, @RequestParam(required = false) String token,
            @RequestParam(required = false) String decision, @RequestParam(required = false) List<String> jobId,
            Principal principal) {
        Optional<ResponseEntity<String>> refused = checkLink(id, token);
        if (refused.isPresent()) {
            return refused.get();
        }
        PlanOptimizations.Decision choice;
        try {
            choice = PlanOptimizations.Decision.valueOf(decision == null ? "" : decision);
        } catch (IllegalArgumentException e) {
            return page(HttpStatus.BAD_REQUEST, "Choose a decision", "<p>Use Accept or Reject.</p>");
        }
        if (jobId == null || jobId.isEmpty()) {
            return page(HttpStatus.BAD_REQUEST, "Tick a move", "<p>Tick the moves to accept or reject.</p>"
                    + "<p><a href=\"/plans/proposals/" + esc(id) + "?token=" + esc(token) + "\">Back</a></p>");
        }
        if (proposals.find(id).isEmpty()) {
            return page(HttpStatus.NOT_FOUND, "Proposal not found", "<p>There is no plan proposal " + esc(id)
                    + ".</p>");
        }
        ProposalStore.Proposal decided = optimizations.decide(id, choice, jobId, principal.getName());
        StringBuilder body = new StringBuilder("<ul id=\"result\">");
        for (StoredMove move : decided.moves()) {
            if (move.gated() && jobId.contains(move.jobId())) {
                body.append("<li>").append(esc(move.jobId())).append(" to ").append(esc(move.move().toTechnicianId()))
                        .append(": ").append(move.status()).append(move.note() == null ? "" : " (" + esc(move.note())
                                + ")").append("</li>");
            }
        }
        body.append("</ul>");
        if (decided.moves().stream().anyMatch(m -> m.status() == MoveStatus.PENDING)) {
            body.append("<p><a href=\"/plans/proposals/").append(esc(id)).append("?token=").append(esc(token))
                    .append("\">The other moves</a></p>");
        }
        return page(HttpStatus.OK, "Decided by " + principal.getName(), body.toString());
    }

    private Optional<ResponseEntity<String>> checkLink(String id, String token) {
        Optional<Instant> expiry = links.verify(ApprovalLinks.planProposal(id), token);
        if (expiry.isEmpty()) {
            return Optional.of(page(HttpStatus.FORBIDDEN, "This link is not valid",
                    "<p>The link is incomplete or was changed. Open the proposal from its Teams card again.</p>"));
        }
        if (expiry.get().isBefore(clock.instant())) {
            return Optional.of(page(HttpStatus.GONE, "This link has expired",
                    "<p>The link expired at " + expiry.get() + ". The proposal is still in the gateway"
                            + " (GET /api/v1/plans/proposals/" + esc(id) + ").</p>"));
        }
        return Optional.empty();
    }

    private ResponseEntity<String> decided(ProposalStore.Proposal proposal) {
        StringBuilder body = new StringBuilder("<p id=\"result\">Nothing waits for a decision in proposal ")
                .append(esc(proposal.id())).append(".</p><ul>");
        for (StoredMove move : proposal.moves()) {
            if (move.gated()) {
                body.append("<li>").append(esc(move.jobId())).append(": ").append(move.status())
                        .append(move.decidedBy() == null ? "" : " by " + esc(move.decidedBy())).append("</li>");
            }
        }
        return page(HttpStatus.CONFLICT, "Already decided", body.append("</ul>").toString());
    }

    private String local(Instant at) {
        return at == null ? "not planned" : LocalDateTime.ofInstant(at, properties.zone()).format(DAY_TIME);
    }

    private static String jobs(List<String> ids) {
        return ids.isEmpty() ? "nothing" : String.join(", ", ids);
    }

    private static ResponseEntity<String> page(HttpStatus status, String title, String body) {
        return MobilePages.page(status, "h1", title, "h1{font-size:1.3rem}h2{font-size:1.1rem}dt{font-weight:600}"
                + "dd{margin:0 0 .5rem}.move{display:block;margin:.5rem 0;padding:.6rem;border:1px solid #ccc;"
                + "border-radius:.4rem}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;"
                + "padding:.3rem;text-align:left}button{font-size:1.1rem;padding:.8rem 1.2rem;margin:.8rem .5rem 0 0;"
                + "border:0;border-radius:.4rem;background:#1f6feb;color:#fff}button.secondary{background:#6e7781}",
                body);
    }

    private static String fact(String title, String value) {
        return "<dt>" + esc(title) + "</dt><dd>" + esc(value) + "</dd>";
    }

    private static String esc(String value) {
        return MobilePages.esc(value);
    }
}
