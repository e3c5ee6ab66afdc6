package io.dispatchgateway.gateway.flow;

import io.dispatchgateway.gateway.dispatch.PlanBook;
import static io.dispatchgateway.gateway.GatewayClient.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dispatchgateway.core.approval.ApprovalLinks;
import io.dispatchgateway.core.model.Customer;
import io.dispatchgateway.core.model.Technician;
import io.dispatchgateway.core.plan.TechnicianPlan;
import io.dispatchgateway.core.port.ApprovalChannel;
import io.dispatchgateway.core.port.CustomerDirectory;
import io.dispatchgateway.core.port.TechnicianDirectory;
import io.dispatchgateway.core.rank.CandidateRanker;
import io.dispatchgateway.core.rank.PolicyCatalog;
import io.dispatchgateway.core.rank.RankingInput;
import io.dispatchgateway.core.rank.RankingPolicy;
import io.dispatchgateway.core.rank.TechnicianState;
import io.dispatchgateway.gateway.GatewayClient;
import io.dispatchgateway.gateway.MondayMorningClock;
import io.dispatchgateway.gateway.persistence.JobStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.StreamSupport;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The plan optimizer in the running gateway: two technicians of one territory each drive to the other's
 * neighbourhood, both late; the optimizer proposes the swap with its reasons, nothing moves until a dispatcher
 * accepts it (the moves take assigned jobs from their technicians), and the plans it leaves break no rule.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
@Import({MondayMorningClock.class, PlanOptimizationIT.RecordingChannel.class})
class PlanOptimizationIT {

    /** The approval channel, recording what reaches it (the built-in inbox otherwise). */
    @TestConfiguration
    static class RecordingChannel {
        static final List<ApprovalChannel.PlanReview> REVIEWS = new CopyOnWriteArrayList<>();

        @Bean
        ApprovalChannel recordingApprovalChannel() {
            return new ApprovalChannel() {
                @Override
                public void requestApproval(ApprovalRequest request) {
                }

                @Override
                public void requestPlanReview(PlanReview review) {
                    REVIEWS.add(review);
                }
            };
        }
    }

    private static final String TERRITORY = "isle";
    private static final String FIT = "fit";
    private static final double[] WEST = {39.7400, -104.9900};
    private static final double[] EAST = {39.7400, -104.7550};

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("gateway.data-dir", () -> dataDir.toString());
        registry.add("gateway.planning.optimize", () -> "false"); // only on demand here
    }

    @LocalServerPort
    int port;

    @Autowired
    CandidateRanker ranker;
    @Autowired
    PlanBook plans;
    @Autowired
    io.dispatchgateway.gateway.dispatch.OpenWork openWork;
    @Autowired
    java.time.Clock clock;
    @Autowired
    JobStore jobs;
    @Autowired
    TechnicianDirectory technicians;
    @Autowired
    CustomerDirectory customers;
    @Autowired
    PolicyCatalog policies;
    @Autowired
    ApprovalLinks links;

    @org.junit.jupiter.api.BeforeEach
    void noReviewsYet() {
        RecordingChannel.REVIEWS.clear();
    }

    @Test
    void aSwapThatSavesBothDeadlinesIsProposedAndAppliedOnlyOnceAccepted() {
        GatewayClient client = new GatewayClient(port);
        putTechnician(client, "T-ISLE-B", EAST);
        putCustomer(client, "C-ISLE-W", WEST, List.of());
        putCustomer(client, "C-ISLE-E", EAST, List.of("T-ISLE-B"));

        // Only T-ISLE-B (east) is there when the west job comes; T-ISLE-A (west) comes before the east job, whose
        // customer then excludes T-ISLE-B and lifts it afterwards: each ends up with the other's neighbourhood.
        String west = assigned(client, submit(client, "ISLE-W", "C-ISLE-W", WEST));
        putTechnician(client, "T-ISLE-A", WEST);
        String east = assigned(client, submit(client, "ISLE-E", "C-ISLE-E", EAST));
        putCustomer(client, "C-ISLE-E", EAST, List.of());
        assertThat(technicianOf(client, west)).isEqualTo("T-ISLE-B");
        assertThat(technicianOf(client, east)).isEqualTo("T-ISLE-A");

        // Nothing of the territory is planned for tomorrow: an optimization of that day moves nothing.
        JsonNode tomorrow = parse(client.post("/api/v1/plans/optimize", "dispatcher", "{\"territory\": \""
                + TERRITORY + "\", \"date\": \"2026-11-24\", \"seconds\": 1}").body());
        assertThat(tomorrow.get("moves")).isEmpty();

        // A first run is superseded by the next: its waiting moves are STALE, never to be accepted on newer plans.
        String superseded = parse(client.post("/api/v1/plans/optimize", "dispatcher", "{\"territory\": \""
                + TERRITORY + "\", \"date\": \"2026-11-23\", \"seconds\": 1}").body()).get("id").asText();
        var response = client.post("/api/v1/plans/optimize", "dispatcher",
                "{\"territory\": \"" + TERRITORY + "\", \"date\": \"2026-11-23\", \"seconds\": 3}");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode proposal = parse(response.body());
        assertThat(proposal.get("status").asText()).isEqualTo("OPEN");
        List<String> moved = new java.util.ArrayList<>();
        proposal.get("moves").forEach(move -> moved.add(move.get("jobId").asText()));
        assertThat(moved).containsExactlyInAnyOrder(west, east);
        for (JsonNode move : proposal.get("moves")) {
            assertThat(move.get("gated").asBoolean()).isTrue();
            assertThat(move.get("gate").asText()).startsWith("takes the job from");
            assertThat(move.get("status").asText()).isEqualTo("PENDING");
            assertThat(move.at("/move/reason").asText()).contains("on time instead of late");
            assertThat(move.at("/move/change/sla-risk").asDouble()).isPositive();
        }
        assertThat(proposal.at("/body/after/objectives").asDouble())
                .isGreaterThan(proposal.at("/body/before/objectives").asDouble());

        // Nothing moved yet: both jobs are where they were.
        assertThat(technicianOf(client, west)).isEqualTo("T-ISLE-B");
        assertThat(technicianOf(client, east)).isEqualTo("T-ISLE-A");

        String id = proposal.get("id").asText();
        // Replayed from its recorded snapshot, seed and move count, the optimization gives the same plans.
        JsonNode replay = parse(client.post("/api/v1/plans/proposals/" + id + "/replay", "manager", null).body());
        assertThat(replay.get("samePlans").asBoolean()).as(replay.toString()).isTrue();
        assertThat(replay.get("evaluated").asLong()).isEqualTo(proposal.at("/body/evaluated").asLong());
        JsonNode old = client.json("/api/v1/plans/proposals/" + superseded, "dispatcher");
        assertThat(old.get("status").asText()).isEqualTo("DECIDED");
        old.get("moves").forEach(move -> assertThat(move.get("note").asText())
                .isEqualTo("superseded by plan proposal " + id));

        // The dispatcher was told once per proposal, with both moves and the two plans before and after.
        assertThat(RecordingChannel.REVIEWS).extracting(ApprovalChannel.PlanReview::proposalId)
                .containsExactly(superseded, id);
        ApprovalChannel.PlanReview review = RecordingChannel.REVIEWS.get(1);
        assertThat(review.proposalId()).isEqualTo(id);
        assertThat(review.moves()).extracting(ApprovalChannel.ReviewedMove::jobId).containsExactlyInAnyOrder(west,
                east);
        assertThat(review.moves()).allSatisfy(move -> assertThat(move.summary()).isEqualTo("Furnace not heating"));
        assertThat(review.plansBefore()).containsEntry("T-ISLE-A", List.of(east)).containsEntry("T-ISLE-B",
                List.of(west));
        assertThat(review.plansAfter()).containsEntry("T-ISLE-A", List.of(west)).containsEntry("T-ISLE-B",
                List.of(east));

        // The card's page: both moves and the plans; an altered link is refused.
        String token = links.token(ApprovalLinks.planProposal(id), Instant.now().plus(Duration.ofDays(1)));
        var page = client.get("/plans/proposals/" + id + "?token=" + token, "dispatcher");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(west, east, "T-ISLE-B → T-ISLE-A", "Plans before and after",
                "on time instead of late");
        assertThat(client.get("/plans/proposals/" + id + "?token=" + token + "x", "dispatcher").statusCode())
                .isEqualTo(403);
        assertThat(client.get("/plans/proposals/" + id + "?token=" + token, "integration").statusCode())
                .isEqualTo(403);

        // Accepted on the page, one move at a time: the west job first, then the other through the API.
        var accepted = client.form("/plans/proposals/" + id, "dispatcher", "token=" + token
                + "&decision=ACCEPT&jobId=" + west);
        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(accepted.body()).contains(west + " to T-ISLE-A: APPLIED").contains("The other moves");
        assertThat(technicianOf(client, west)).isEqualTo("T-ISLE-A");
        assertThat(technicianOf(client, east)).isEqualTo("T-ISLE-A");
        JsonNode decided = parse(client.post("/api/v1/plans/proposals/" + id + "/decision",
                "dispatcher", "{\"decision\": \"ACCEPT\"}").body());
        assertThat(decided.get("status").asText()).isEqualTo("DECIDED");
        decided.get("moves").forEach(move -> assertThat(move.get("status").asText()).isEqualTo("APPLIED"));
        assertThat(client.get("/plans/proposals/" + id + "?token=" + token, "dispatcher").statusCode())
                .isEqualTo(409);
        assertThat(technicianOf(client, west)).isEqualTo("T-ISLE-A");
        assertThat(technicianOf(client, east)).isEqualTo("T-ISLE-B");
        JsonNode job = client.json("/api/v1/jobs/" + west, "dispatcher");
        assertThat(job.get("audit").findValuesAsText("action")).contains("reassigned", "plan-optimized");
        assertThat(job.at("/assignment/mode").asText()).isEqualTo("REASSIGNED");
        // The move is the optimizer's, accepted by the dispatcher: later runs may still improve on it (a person's
        // own reassignment they would leave alone), and it is no override of the gateway's decision.
        assertThat(job.at("/assignment/assignedBy").asText()).isEqualTo("rule:plan-optimize");
        assertThat(StreamSupport.stream(job.get("audit").spliterator(), false)
                .filter(a -> a.get("action").asText().equals("plan-optimized")).map(a -> a.get("actor").asText()))
                .contains("user:dispatcher");
        assertThat(openWork.find(null, null, io.dispatchgateway.core.model.TenantScope.ALL, clock.instant()).open())
                .containsKey(west);
        // The committed ETA is the plan's arrival (within the minute: the plan is laid out again as it is read,
        // and a technician already at the site arrives "now").
        assertThat(Duration.between(Instant.parse(client.json("/api/v1/jobs/" + west + "/live", "dispatcher")
                .at("/live/eta").asText()), Instant.parse(job.at("/plan/visit/arrival").asText())).abs())
                .isLessThanOrEqualTo(Duration.ofMinutes(1));

        // Every plan it left passes the ranking's own hard rules, job by job.
        for (String technicianId : List.of("T-ISLE-A", "T-ISLE-B")) {
            Technician technician = technicians.find(technicianId).orElseThrow();
            TechnicianPlan plan = plans.plan(technicianId).orElseThrow();
            for (int i = 0; i < plan.visits().size(); i++) {
                JobStore.StoredJob stored = jobs.find(plan.visits().get(i).jobId()).orElseThrow();
                Customer customer = customers.find(stored.job().customerId()).orElseThrow();
                RankingPolicy policy = policies.select(stored.job(), stored.classification(), customer);
                RankingInput input = new RankingInput(stored.job(), stored.classification(), customer,
                        plan.computedAt(), List.of(), Map.of(), Map.of(), List.of());
                assertThat(ranker.qualification(technician, input)).isEmpty();
                assertThat(ranker.judge(technician, TechnicianState.IDLE, plan, i, input, policy,
                        ranker.weights(policy)).breaks()).isEmpty();
            }
        }

        // A decided proposal has nothing left to decide.
        JsonNode again = parse(client.post("/api/v1/plans/proposals/" + proposal.get("id").asText() + "/decision",
                "dispatcher", "{\"decision\": \"REJECT\"}").body());
        again.get("moves").forEach(move -> assertThat(move.get("status").asText()).isEqualTo("APPLIED"));
        assertThat(client.post("/api/v1/plans/optimize", "integration", "{}").statusCode()).isEqualTo(403);
    }

    @Test
    void aMoveAcceptedAfterItsPlanFilledUpIsStaleNotApplied() {
        GatewayClient client = new GatewayClient(port);
        putTechnician(client, "T-FIT-B", EAST, FIT, null);
        putCustomer(client, "C-FIT-W", WEST, List.of(), FIT);
        putCustomer(client, "C-FIT-E", EAST, List.of("T-FIT-B"), FIT);
        // The same crossing as above, in a territory of its own.
        String west = assigned(client, submit(client, "FIT-W", "C-FIT-W", WEST));
        putTechnician(client, "T-FIT-A", WEST, FIT, null);
        String east = assigned(client, submit(client, "FIT-E", "C-FIT-E", EAST));
        putCustomer(client, "C-FIT-E", EAST, List.of(), FIT);
        JsonNode proposal = parse(client.post("/api/v1/plans/optimize", "dispatcher", "{\"territory\": \"" + FIT
                + "\", \"date\": \"2026-11-23\", \"seconds\": 3}").body());
        List<String> moved = new java.util.ArrayList<>();
        proposal.get("moves").forEach(move -> moved.add(move.get("jobId").asText()));
        assertThat(moved).contains(west);

        // Before the dispatcher accepts, T-FIT-A's day is cut to the next few minutes, on Mondays only: the west
        // job fits no shift of the horizon there any more.
        putTechnician(client, "T-FIT-A", WEST, FIT, "{\"days\": [\"MONDAY\"], \"start\": \"08:00\","
                + " \"end\": \"09:05\"}");
        JsonNode decided = parse(client.post("/api/v1/plans/proposals/" + proposal.get("id").asText()
                + "/decision", "dispatcher", "{\"decision\": \"ACCEPT\"}").body());
        JsonNode westMove = null;
        for (JsonNode move : decided.get("moves")) {
            if (move.get("jobId").asText().equals(west)) {
                westMove = move;
            }
        }
        assertThat(westMove.get("status").asText()).as(decided.toString()).isEqualTo("STALE");
        assertThat(westMove.get("note").asText()).startsWith("it no longer fits T-FIT-A's plan");
        assertThat(technicianOf(client, west)).isEqualTo("T-FIT-B");
    }

    private String submit(GatewayClient client, String externalId, String customerId, double[] at) {
        var response = client.post("/api/v1/jobs", "integration", """
                {"externalId": "%s", "source": "test", "customerId": "%s", "summary": "Furnace not heating",
                 "location": {"address": "%s site", "lat": %s, "lon": %s}}""".formatted(externalId, customerId,
                externalId, at[0], at[1]));
        assertThat(response.statusCode()).isEqualTo(202);
        return parse(response.body()).get("id").asText();
    }

    /** Waits for the job to be decided; a proposal waiting for approval is approved as recommended. */
    private String assigned(GatewayClient client, String id) {
        JsonNode job = await().atMost(Duration.ofSeconds(30)).until(() -> client.json("/api/v1/jobs/" + id,
                "dispatcher"), j -> List.of("ASSIGNED", "PENDING_APPROVAL", "ESCALATED")
                        .contains(j.get("status").asText()));
        if (!"ASSIGNED".equals(job.get("status").asText())) {
            assertThat(client.post("/api/v1/approvals/" + job.at("/approval/id").asText() + "/decision", "dispatcher",
                    "{\"decision\": \"APPROVE\"}").statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(30)).until(() -> client.json("/api/v1/jobs/" + id, "dispatcher")
                    .get("status").asText(), "ASSIGNED"::equals);
        }
        return id;
    }

    private static String technicianOf(GatewayClient client, String id) {
        return client.json("/api/v1/jobs/" + id, "dispatcher").at("/assignment/technicianId").asText();
    }

    /** A copy of the demo's best heating technician, in the territory at {@code at}. */
    private static void putTechnician(GatewayClient client, String id, double[] at) {
        putTechnician(client, id, at, TERRITORY, null);
    }

    /** As above, in {@code territory}, with {@code shift} (JSON) instead of the copied one when given. */
    private static void putTechnician(GatewayClient client, String id, double[] at, String territory, String shift) {
        JsonNode all = client.json("/api/v1/technicians?size=500", "integration").get("items");
        JsonNode best = null;
        for (JsonNode technician : all) {
            if (technician.at("/skills/hvac-heating").asInt() >= 4
                    && (best == null || technician.at("/skills/hvac-heating").asInt()
                            > best.at("/skills/hvac-heating").asInt())) {
                best = technician;
            }
        }
        ObjectNode copy = best.deepCopy();
        copy.put("id", id).put("name", "Isle " + id).put("territory", territory);
        if (shift != null) {
            copy.set("shift", parse(shift));
        }
        copy.withObjectProperty("homeBase").put("lat", at[0]).put("lon", at[1]);
        copy.putObject("lastKnownLocation").put("lat", at[0]).put("lon", at[1]);
        assertThat(client.send("PUT", "/api/v1/technicians/" + id, "integration", copy.toString()).statusCode())
                .isEqualTo(200);
    }

    /** A SILVER customer of the territory, HIGH jobs due in 30 minutes, excluding {@code excluded}. */
    private static void putCustomer(GatewayClient client, String id, double[] at, List<String> excluded) {
        putCustomer(client, id, at, excluded, TERRITORY);
    }

    private static void putCustomer(GatewayClient client, String id, double[] at, List<String> excluded,
            String territory) {
        ObjectNode body = (ObjectNode) client.json("/api/v1/customers/C-0128", "integration");
        body.put("id", id).put("territory", territory);
        var exclusions = ((ObjectNode) body.get("entitlement")).putArray("excludedTechnicianIds");
        excluded.forEach(exclusions::add);
        body.withObjectProperty("site").put("lat", at[0]).put("lon", at[1]);
        ObjectNode targets = (ObjectNode) body.at("/entitlement/slaTargets");
        targets.put("HIGH", "PT30M").put("NORMAL", "PT30M").put("CRITICAL", "PT30M");
        assertThat(client.send("PUT", "/api/v1/customers/" + id, "integration", body.toString()).statusCode())
                .isEqualTo(200);
    }
}
