package io.dispatchgateway.gateway.web;

import java.util.HashMap;
import org.springframework.web.servlet.ModelAndView;
import io.dispatchgateway.core.approval.ApprovalLinks;
import io.dispatchgateway.core.port.ApprovalChannel;
import io.dispatchgateway.gateway.settings.GatewayProperties;
import io.dispatchgateway.gateway.dispatch.PlanOptimizations;
import io.dispatchgateway.gateway.dispatch.PlanReviews;
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

    /** A waiting move as the page shows it. */
    public record MoveLine(String jobId, String summary, String fromTechnicianId, String toTechnicianId,
            String arrives, String why) {}

    /** A technician's plan before and after, as job ids. */
    public record PlanLine(String technicianId, String before, String after) {}

    @GetMapping(path = "/plans/proposals/{id}", produces = MediaType.TEXT_HTML_VALUE)
    public ModelAndView show(@PathVariable String id, @RequestParam(required = false) String token) {
        Optional<ModelAndView> refused = checkLink(id, token);
        if (refused.isPresent()) {
            return refused.get();
        }
        ProposalStore.Proposal proposal = proposals.find(id).orElse(null);
        if (proposal == null) {
            return Pages.message(HttpStatus.NOT_FOUND, "Proposal not found", null, "There is no plan proposal " + id
                    + ".");
        }
        ApprovalChannel.PlanReview review = reviews.reviewOf(proposal);
        if (review.moves().isEmpty()) {
            return decided(proposal);
        }
        Map<String, Object> model = new HashMap<>();
        model.put("title", "Plan proposal " + id);
        model.put("id", id);
        model.put("token", token);
        model.put("territory", proposal.territory() == null ? "all" : proposal.territory());
        model.put("requestedBy", proposal.requestedBy());
        model.put("optimizedAt", local(proposal.createdAt()));
        model.put("objectives", String.format(Locale.ROOT, "%.3f before, %.3f with every move",
                review.objectivesBefore(), review.objectivesAfter()));
        model.put("moves", review.moves().stream().map(move -> new MoveLine(move.jobId(), move.summary(),
                move.fromTechnicianId(), move.toTechnicianId(), "arrives " + local(move.arrivalAfter()) + " (was "
                        + local(move.arrivalBefore()) + ")", move.gate() + ". " + move.reason())).toList());
        model.put("plans", review.plansBefore().entrySet().stream().map(plan -> new PlanLine(plan.getKey(),
                jobs(plan.getValue()), jobs(review.plansAfter().getOrDefault(plan.getKey(), List.of())))).toList());
        return Pages.view(HttpStatus.OK, "proposal", model);
    }

    @PostMapping(path = "/plans/proposals/{id}", produces = MediaType.TEXT_HTML_VALUE)
    public ModelAndView decide(@PathVariable String id, @RequestParam(required = false) String token,
            @RequestParam(required = false) String decision, @RequestParam(required = false) List<String> jobId,
            Principal principal) {
        Optional<ModelAndView> refused = checkLink(id, token);
        if (refused.isPresent()) {
            return refused.get();
        }
        PlanOptimizations.Decision choice;
        try {
            choice = PlanOptimizations.Decision.valueOf(decision == null ? "" : decision);
        } catch (IllegalArgumentException e) {
            return Pages.message(HttpStatus.BAD_REQUEST, "Choose a decision", null, "Use Accept or Reject.");
        }
        String back = "/plans/proposals/" + id + "?token=" + java.net.URLEncoder.encode(token,
                java.nio.charset.StandardCharsets.UTF_8);
        if (jobId == null || jobId.isEmpty()) {
            return Pages.message(HttpStatus.BAD_REQUEST, "Tick a move", null, "Tick the moves to accept or reject.",
                    back, "Back");
        }
        if (proposals.find(id).isEmpty()) {
            return Pages.message(HttpStatus.NOT_FOUND, "Proposal not found", null, "There is no plan proposal " + id
                    + ".");
        }
        ProposalStore.Proposal decided = optimizations.decide(id, choice, jobId, principal.getName());
        List<String> items = new java.util.ArrayList<>();
        for (StoredMove move : decided.moves()) {
            if (move.gated() && jobId.contains(move.jobId())) {
                items.add(move.jobId() + " to " + move.move().toTechnicianId() + ": " + move.status()
                        + (move.note() == null ? "" : " (" + move.note() + ")"));
            }
        }
        boolean more = decided.moves().stream().anyMatch(m -> m.status() == MoveStatus.PENDING);
        return Pages.message(HttpStatus.OK, new Pages.Message("Decided by " + principal.getName(), "result", null,
                items, more ? back : null, "The other moves"));
    }

    private Optional<ModelAndView> checkLink(String id, String token) {
        Optional<Instant> expiry = links.verify(ApprovalLinks.planProposal(id), token);
        if (expiry.isEmpty()) {
            return Optional.of(Pages.message(HttpStatus.FORBIDDEN, "This link is not valid", "refusal",
                    "The link is incomplete or was changed. Open the proposal from its Teams card again."));
        }
        if (expiry.get().isBefore(clock.instant())) {
            return Optional.of(Pages.message(HttpStatus.GONE, "This link has expired", "refusal",
                    "The link expired at " + expiry.get() + ". The proposal is still in the gateway"
                            + " (GET /api/v1/plans/proposals/" + id + ")."));
        }
        return Optional.empty();
    }

    private ModelAndView decided(ProposalStore.Proposal proposal) {
        List<String> items = proposal.moves().stream().filter(StoredMove::gated).map(move -> move.jobId() + ": "
                + move.status() + (move.decidedBy() == null ? "" : " by " + move.decidedBy())).toList();
        return Pages.message(HttpStatus.CONFLICT, new Pages.Message("Already decided", "result",
                "Nothing waits for a decision in proposal " + proposal.id() + ".", items, null, null));
    }

    private String local(Instant at) {
        return at == null ? "not planned" : LocalDateTime.ofInstant(at, properties.zone()).format(DAY_TIME);
    }

    private static String jobs(List<String> ids) {
        return ids.isEmpty() ? "nothing" : String.join(", ", ids);
    }
}
