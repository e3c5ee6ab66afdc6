package io.dispatchgateway.adapters.teams;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dispatchgateway.core.approval.ApprovalLinks;
import io.dispatchgateway.core.model.DispatchPack;
import io.dispatchgateway.core.model.RankedOption;
import io.dispatchgateway.core.model.ScoreComponent;
import io.dispatchgateway.core.port.ApprovalChannel.ApprovalRequest;
import io.dispatchgateway.core.port.ApprovalChannel.PlanReview;
import io.dispatchgateway.core.port.ApprovalChannel.ReviewedMove;
import io.dispatchgateway.core.port.EscalationChannel.Escalation;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Builds the Adaptive Cards (version 1.5, common elements only) the gateway posts to Teams: approval requests
 * with the job, the customer, the SLA deadline and breach risk, why approval is needed, the top three options
 * with their main score components, the fallback, and buttons that open the gateway's approval page through a
 * signed, expiring link ({@code Action.OpenUrl}: Teams webhooks cannot receive button clicks). Plan proposals
 * waiting for a dispatcher get a card of their own that opens the proposal page. Escalations use the same style
 * with a link to the job.
 */
public final class ApprovalCards {

    /** Teams refuses messages over about 28 KB. */
    static final int MAX_MESSAGE_BYTES = 28 * 1024;

    private final ObjectMapper json;
    private final ApprovalLinks links;
    private final URI gatewayUrl;
    private final Duration linkValidity;
    private final Clock clock;

    public ApprovalCards(ObjectMapper json, ApprovalLinks links, URI gatewayUrl, Duration linkValidity, Clock clock) {
        this.json = json;
        this.links = links;
        this.gatewayUrl = gatewayUrl;
        this.linkValidity = linkValidity;
        this.clock = clock;
    }

    /** The webhook message carrying the approval card. */
    public ObjectNode approvalMessage(ApprovalRequest request) {
        ObjectNode card = card();
        ArrayNode body = card.withArray("body");
        String id = request.approval().id();
        body.add(text("Approval needed: " + request.job().summary(), "Large", "Bolder", null));
        body.add(facts(new String[][] {
            {"Job", request.job().id() + " (" + request.job().source() + " " + request.job().externalId() + ")"},
            {"Customer", request.customer().name() + " (" + request.customer().tier() + ")"},
            {"Priority", request.classification().priority() + ", " + request.classification().category()},
            {"SLA deadline", request.classification().slaDeadline().toString()},
            {"Breach risk", request.recommendation().best().map(o -> percent(o.breachProbability()))
                    .orElse("no technician can go")},
            {"Address", request.job().location().address() == null ? "" : request.job().location().address()}}));
        body.add(text("Why: " + String.join("; ", request.approval().reasons()), null, null, "Attention"));
        List<RankedOption> top = request.recommendation().options().stream().limit(3).toList();
        for (RankedOption option : top) {
            body.add(text("#" + option.rank() + " " + option.technicianId() + " score " + String.format(Locale.ROOT,
                    "%.3f", option.score()) + ", ETA " + option.eta() + (option.travelEstimated() ? " (estimated)"
                            : "") + ", breach " + percent(option.breachProbability()), null, "Bolder", null));
            body.add(text(mainComponents(option), "Small", null, null));
        }
        request.recommendation().options().stream().skip(1).findFirst().ifPresent(fallback -> body.add(text(
                "Fallback: " + fallback.technicianId(), "Small", null, null)));
        String token = links.token(id, clock.instant().plus(linkValidity));
        ArrayNode actions = card.putArray("actions");
        actions.add(openUrl("Review and decide", approvalUrl(id, token, null)));
        top.stream().findFirst().ifPresent(best -> actions.add(openUrl("Approve " + best.technicianId(),
                approvalUrl(id, token, best.technicianId()))));
        return message(card);
    }

    /**
     * The webhook message of a plan proposal whose moves wait for a dispatcher: each move (job, from and to, the
     * arrival before and after, why it waits), the plans it changes now and as proposed, and the button that
     * opens the proposal page through a signed, expiring link.
     */
    public ObjectNode planReviewMessage(PlanReview review) {
        ObjectNode card = card();
        ArrayNode body = card.withArray("body");
        body.add(text("Plan optimization: " + review.moves().size() + (review.moves().size() == 1 ? " move waits"
                : " moves wait") + " for you", "Large", "Bolder", null));
        body.add(facts(new String[][] {
            {"Proposal", review.proposalId()},
            {"Territory", review.territory() == null ? "all" : review.territory()},
            {"Requested by", review.requestedBy()},
            {"Objectives", String.format(Locale.ROOT, "%.3f now, %.3f with every move", review.objectivesBefore(),
                    review.objectivesAfter())}}));
        for (ReviewedMove move : review.moves()) {
            body.add(text(move.jobId() + (move.summary() == null ? "" : " " + move.summary()) + ": "
                    + move.fromTechnicianId() + " → " + move.toTechnicianId() + ", arrives " + when(move.arrivalAfter())
                    + " (was " + when(move.arrivalBefore()) + ")", null, "Bolder", null));
            body.add(text(move.gate() + ". " + move.reason(), "Small", null, null));
        }
        String[][] plans = review.plansBefore().entrySet().stream().map(plan -> new String[] {plan.getKey(),
                String.join(", ", plan.getValue()) + " → " + String.join(", ", review.plansAfter()
                        .getOrDefault(plan.getKey(), List.of()))}).toArray(String[][]::new);
        body.add(text("Plans now → proposed", null, "Bolder", null));
        body.add(facts(plans));
        String subject = ApprovalLinks.planProposal(review.proposalId());
        String token = links.token(subject, clock.instant().plus(linkValidity));
        card.putArray("actions").add(openUrl("Review the plans and decide", base() + "/plans/proposals/"
                + review.proposalId() + "?token=" + token));
        return message(card);
    }

    /** The webhook message of an escalation, linking to the job. */
    public ObjectNode escalationMessage(Escalation escalation) {
        ObjectNode card = card();
        ArrayNode body = card.withArray("body");
        body.add(text("Escalation: " + escalation.kind().replace('-', ' '), "Large", "Bolder", "Attention"));
        body.add(facts(new String[][] {{"Job", escalation.jobId()}}));
        body.add(text(escalation.message(), null, null, null));
        card.putArray("actions").add(openUrl("Open the job", base() + "/api/v1/jobs/" + escalation.jobId()));
        return message(card);
    }

    /** The webhook message of a dispatch pack: the essentials, and the button that opens the signed pack page. */
    public ObjectNode packMessage(DispatchPack pack) {
        return packMessage(pack, true);
    }

    /**
     * The pack card; {@code withLink} false opens the job's read-back behind a login instead of the technician's
     * signed link (for a channel others read too).
     */
    public ObjectNode packMessage(DispatchPack pack, boolean withLink) {
        ObjectNode card = card();
        ArrayNode body = card.withArray("body");
        body.add(text("Dispatch pack: " + pack.issueSummary(), "Large", "Bolder", null));
        if (pack.incidentSummary() != null) {
            body.add(text(pack.incidentSummary() + " (summary written by " + pack.incidentSummaryBy() + ")", null,
                    null, null));
        }
        body.add(facts(new String[][] {{"Job", pack.jobId()}, {"Technician", pack.technicianId()},
                {"Priority", pack.priority().name()}, {"SLA deadline", pack.slaDeadline().toString()},
                {"Customer", pack.customerName()}, {"Address", pack.siteAddress()},
                {"Pick up", pack.partsMissingFromTruck().isEmpty() ? "nothing"
                        : String.join(", ", pack.partsMissingFromTruck())},
                {"Fallback", pack.fallbackTechnicianId() == null ? "none" : pack.fallbackTechnicianId()}}));
        card.putArray("actions").add(openUrl("Open the pack", withLink && pack.url() != null ? pack.url()
                : base() + "/api/v1/jobs/" + pack.jobId()));
        return message(card);
    }

    private ObjectNode message(ObjectNode card) {
        ObjectNode message = json.createObjectNode();
        message.put("type", "message");
        ObjectNode attachment = message.putArray("attachments").addObject();
        attachment.put("contentType", "application/vnd.microsoft.card.adaptive");
        attachment.putNull("contentUrl");
        attachment.set("content", card);
        return message;
    }

    private ObjectNode card() {
        ObjectNode card = json.createObjectNode();
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("type", "AdaptiveCard");
        card.put("version", "1.5");
        card.putArray("body");
        return card;
    }

    private ObjectNode text(String value, String size, String weight, String color) {
        ObjectNode block = json.createObjectNode();
        block.put("type", "TextBlock");
        block.put("text", value);
        block.put("wrap", true);
        if (size != null) {
            block.put("size", size);
        }
        if (weight != null) {
            block.put("weight", weight);
        }
        if (color != null) {
            block.put("color", color);
        }
        return block;
    }

    private ObjectNode facts(String[][] pairs) {
        ObjectNode set = json.createObjectNode();
        set.put("type", "FactSet");
        ArrayNode facts = set.putArray("facts");
        for (String[] pair : pairs) {
            facts.addObject().put("title", pair[0]).put("value", pair[1]);
        }
        return set;
    }

    private ObjectNode openUrl(String title, String url) {
        ObjectNode action = json.createObjectNode();
        action.put("type", "Action.OpenUrl");
        action.put("title", title);
        action.put("url", url);
        return action;
    }

    private String approvalUrl(String approvalId, String token, String technicianId) {
        return base() + "/approvals/" + approvalId + "?token=" + token
                + (technicianId == null ? "" : "&technician=" + technicianId);
    }

    private String base() {
        return gatewayUrl.toString().replaceAll("/+$", "");
    }

    private static String mainComponents(RankedOption option) {
        return option.components().stream().filter(c -> c.contribution() > 0)
                .sorted(Comparator.comparingDouble(ScoreComponent::contribution).reversed()).limit(3)
                .map(c -> c.name() + " " + String.format(Locale.ROOT, "%.2f", c.contribution()))
                .collect(Collectors.joining(", "));
    }

    private static String when(java.time.Instant at) {
        return at == null ? "not planned" : at.toString();
    }

    private static String percent(double p) {
        return String.format(Locale.ROOT, "%.0f %%", p * 100);
    }
}
