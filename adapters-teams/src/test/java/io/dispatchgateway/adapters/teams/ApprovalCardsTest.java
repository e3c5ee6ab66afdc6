package io.dispatchgateway.adapters.teams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.dispatchgateway.core.approval.ApprovalLinks;
import io.dispatchgateway.core.model.Approval;
import io.dispatchgateway.core.model.Classification;
import io.dispatchgateway.core.model.Customer;
import io.dispatchgateway.core.model.CustomerTier;
import io.dispatchgateway.core.model.Entitlement;
import io.dispatchgateway.core.model.Job;
import io.dispatchgateway.core.model.Location;
import io.dispatchgateway.core.model.DispatchPack;
import io.dispatchgateway.core.model.Priority;
import io.dispatchgateway.core.model.RankedOption;
import io.dispatchgateway.core.model.Recommendation;
import io.dispatchgateway.core.model.ScoreComponent;
import io.dispatchgateway.core.port.ApprovalChannel.ApprovalRequest;
import io.dispatchgateway.core.port.ApprovalChannel.PlanReview;
import io.dispatchgateway.core.port.ApprovalChannel.ReviewedMove;
import io.dispatchgateway.core.port.EscalationChannel.Escalation;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every card the adapter can produce is valid against the official Adaptive Card 1.5 schema. */
class ApprovalCardsTest {

    static final Instant NOW = Instant.parse("2026-11-23T16:00:00Z");
    static final String SECRET = "0123456789abcdef0123456789abcdef";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchema SCHEMA = schema();

    private final ApprovalCards cards = new ApprovalCards(JSON, new ApprovalLinks(SECRET),
            URI.create("https://gateway.example.com/"), Duration.ofHours(24), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void planReviewCardIsValidAndShowsEachMoveThePlansBeforeAndAfterAndASignedLink() {
        PlanReview review = new PlanReview("P-1", "north", "rule:plan-optimize/burst", List.of(
                new ReviewedMove("J-7", "No heat", "T-017", "T-031", NOW.plusSeconds(5400), NOW.plusSeconds(720),
                        "takes the job from T-017 to T-031", "moves from T-017 to T-031, 1st in the plan: arrives"
                                + " Mon 09:12 (was Mon 10:30), on time instead of late; sla-risk +0.23")),
                java.util.Map.of("T-017", List.of("J-3", "J-7"), "T-031", List.of()),
                java.util.Map.of("T-017", List.of("J-3"), "T-031", List.of("J-7")), 81.2, 81.9);

        JsonNode card = cards.planReviewMessage(review).at("/attachments/0/content");

        assertThat(SCHEMA.validate(card)).extracting(ValidationMessage::getMessage).isEmpty();
        assertThat(card.toString()).contains("1 move waits for you", "J-7 No heat: T-017 → T-031",
                "takes the job from T-017 to T-031", "on time instead of late", "J-3, J-7 → J-3", " → J-7",
                "81.200 now, 81.900 with every move");
        String url = card.at("/actions/0/url").asText();
        assertThat(url).startsWith("https://gateway.example.com/plans/proposals/P-1?token=");
        String token = url.substring(url.indexOf("token=") + 6);
        ApprovalLinks links = new ApprovalLinks(SECRET);
        assertThat(links.verify(ApprovalLinks.planProposal("P-1"), token)).contains(NOW.plus(Duration.ofHours(24)));
        assertThat(links.verify("P-1", token)).as("a proposal's link opens no approval").isEmpty();
    }

    @Test
    void approvalCardIsValidAndCarriesTheContextAndSignedLinks() {
        JsonNode message = cards.approvalMessage(request(3));
        JsonNode card = message.at("/attachments/0/content");

        assertThat(SCHEMA.validate(card)).extracting(ValidationMessage::getMessage).isEmpty();
        assertThat(message.get("type").asText()).isEqualTo("message");
        assertThat(message.at("/attachments/0/contentType").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
        assertThat(message.at("/attachments/0/contentUrl").isNull()).isTrue();
        assertThat(card.get("version").asText()).isEqualTo("1.5");
        String text = card.toString();
        assertThat(text).contains("Smell of gas", "Foxglove Physical Therapy (PLATINUM)", "priority is CRITICAL",
                "#1 T-002", "#3 T-032", "Fallback: T-025", "2026-11-23T18:00:00Z");
        String url = card.at("/actions/1/url").asText();
        assertThat(url).startsWith("https://gateway.example.com/approvals/A-1?token=").endsWith("&technician=T-002");
        String token = url.substring(url.indexOf("token=") + 6, url.indexOf('&'));
        assertThat(new ApprovalLinks(SECRET).verify("A-1", token)).contains(NOW.plus(Duration.ofHours(24)));
    }

    @Test
    void cardForAJobNobodyCanTakeIsValidToo() {
        JsonNode card = cards.approvalMessage(request(0)).at("/attachments/0/content");

        assertThat(SCHEMA.validate(card)).isEmpty();
        assertThat(card.toString()).contains("no technician can go");
    }

    @Test
    void escalationCardIsValidAndLinksToTheJob() {
        JsonNode card = cards.escalationMessage(new Escalation("J-7", "sla-risk", "ETA after the deadline"))
                .at("/attachments/0/content");

        assertThat(SCHEMA.validate(card)).isEmpty();
        assertThat(card.at("/actions/0/url").asText()).isEqualTo("https://gateway.example.com/api/v1/jobs/J-7");
    }

    static DispatchPack pack(String technicianId) {
        return new DispatchPack("J-7", technicianId, "No heat in the office", "HVAC_HEATING", Priority.HIGH,
                Instant.parse("2026-11-23T20:00:00Z"), "Glenarm Dental", "Ring twice", "1600 Glenarm Pl",
                "https://maps", List.of("IGN-1"), List.of("IGN-1"), List.of("Report EN_ROUTE"), "T-2",
                Instant.parse("2026-11-23T16:00:00Z"), "https://gateway.example.com/packs/J-7?token=abc");
    }

    @Test
    void packCardIsValidAndOpensTheSignedPackPage() {
        DispatchPack pack = pack("T-1");
        JsonNode card = cards.packMessage(pack).at("/attachments/0/content");

        assertThat(SCHEMA.validate(card)).isEmpty();
        assertThat(card.toString()).contains("No heat in the office", "IGN-1", "2026-11-23T20:00:00Z");
        assertThat(card.at("/actions/0/url").asText()).isEqualTo("https://gateway.example.com/packs/J-7?token=abc");
    }

    @Test
    void schemaCatchesAnInvalidCard() {
        JsonNode bad = cards.escalationMessage(new Escalation("J-7", "x", "y")).at("/attachments/0/content");
        ((com.fasterxml.jackson.databind.node.ObjectNode) bad.at("/body/0")).put("size", "Huge");

        assertThat(SCHEMA.validate(bad)).isNotEmpty();
    }

    static ApprovalRequest request(int options) {
        List<ScoreComponent> components = List.of(new ScoreComponent("sla-risk", 0.1, 0.9, 0.5, 0.45),
                new ScoreComponent("travel-time", 12, 0.9, 0.2, 0.18), new ScoreComponent("overtime", 0, 1, 0, 0));
        List<RankedOption> ranked = List.of(new RankedOption("T-002", 1, 0.91, NOW.plusSeconds(900), 0.1, 15, false,
                components), new RankedOption("T-025", 2, 0.88, NOW.plusSeconds(1200), 0.2, 20, true, components),
                new RankedOption("T-032", 3, 0.85, NOW.plusSeconds(1500), 0.3, 25, true, components),
                new RankedOption("T-040", 4, 0.8, NOW.plusSeconds(1800), 0.4, 30, true, components));
        Recommendation recommendation = new Recommendation("emergency", ranked.subList(0, options), options, List.of(),
                NOW);
        Job job = new Job("J-1", "default", "api", "DEMO-1001", "C-0059", "Smell of gas near the furnace", null,
                new Location("3367 Mica St, Denver, CO 80237", 39.64, -104.90), null, null, List.of(), true, NOW);
        Classification classification = new Classification("GAS_SAFETY", Priority.CRITICAL, "gas", 3, null, null,
                "GAS-FITTER", Duration.ofMinutes(90), NOW.plus(Duration.ofHours(2)), true, "gas-leak");
        Customer customer = new Customer("C-0059", "Foxglove Physical Therapy", CustomerTier.PLATINUM, null, null,
                Entitlement.none(), null);
        Approval approval = Approval.pending("A-1", "J-1", List.of("priority is CRITICAL", "job has a safety impact"),
                options > 0 ? "T-002" : null, NOW);
        return new ApprovalRequest(approval, job, classification, customer, recommendation);
    }

    private static JsonSchema schema() {
        try (InputStream in = ApprovalCardsTest.class.getResourceAsStream("/teams/adaptive-card-1.5.0.schema.json")) {
            // The schema names itself with the draft-04 "id" keyword, which a draft-06 validator does not know.
            com.fasterxml.jackson.databind.node.ObjectNode node = (com.fasterxml.jackson.databind.node.ObjectNode)
                    JSON.readTree(in);
            node.remove("id");
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V6).getSchema(node);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
