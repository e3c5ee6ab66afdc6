package io.dispatchgateway.gateway.flow;

import io.dispatchgateway.gateway.MondayMorningClock;
import static io.dispatchgateway.gateway.GatewayClient.job;
import static io.dispatchgateway.gateway.GatewayClient.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dispatchgateway.gateway.GatewayClient;
import java.net.http.HttpResponse;
import io.dispatchgateway.gateway.persistence.JobStore;
import io.dispatchgateway.gateway.persistence.WriteBackQueue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The whole flow over real HTTP, a real H2 file store and the seda endpoints, on the demo roster. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
@Import(MondayMorningClock.class)
class DispatchFlowIT {

    /** PLATINUM, 7500 USD per breach: every job needs approval. */
    private static final String PLATINUM = "C-0059";
    /** SILVER, 750 USD per breach: routine jobs are assigned automatically. */
    private static final String SILVER = "C-0128";

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("gateway.data-dir", () -> dataDir.toString());
        registry.add("gateway.intake.inbox-poll-interval", () -> "500");
        // Routine demo jobs often have two near-equal candidates; this suite checks automatic assignment, so
        // only true ties count as too close to call here (the close-call rule has its own tests in core).
        registry.add("gateway.approval.close-call-margin", () -> "0");
        // Spring Boot switches metric export off in tests; the Prometheus scrape is part of what is tested.
        registry.add("management.prometheus.metrics.export.enabled", () -> "true");
        // An office system that assigns its own work, posting through the API (ServiceTitan's is owned by its adapter).
        registry.add("gateway.intake.committed-sources", () -> "servicetitan,office");
    }

    @LocalServerPort
    int port;

    @Autowired
    JobStore jobs;
    @Autowired
    WriteBackQueue writeBacks;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    GatewayClient client;

    @BeforeEach
    void client() {
        client = new GatewayClient(port);
    }

    @Test
    void routineJobIsClassifiedRankedExplainedAndAssignedAutomatically() {
        HttpResponse<String> accepted = client.post("/api/v1/jobs", "integration",
                job("IT-ROUTINE-1", SILVER, "Furnace not heating, house is cold"));

        assertThat(accepted.statusCode()).isEqualTo(202);
        String id = parse(accepted.body()).get("id").asText();
        assertThat(accepted.headers().firstValue("Location")).hasValue("/api/v1/jobs/" + id);

        JsonNode job = awaitStatus(id, "ASSIGNED");
        assertThat(job.at("/classification/category").asText()).isEqualTo("HVAC_HEATING");
        assertThat(job.at("/classification/requiredSkill").asText()).isEqualTo("hvac-heating");
        JsonNode options = job.at("/recommendation/options");
        assertThat(options.size()).isGreaterThanOrEqualTo(3);
        for (JsonNode option : options) {
            assertThat(option.get("components")).extracting(c -> c.get("name").asText())
                    .containsExactly("sla-risk", "travel-time", "skill-fit", "penalty", "customer-priority",
                            "workload", "preferred-technician", "first-time-fix", "overtime", "knock-on");
            double sum = 0;
            for (JsonNode component : option.get("components")) {
                sum += component.get("contribution").asDouble();
            }
            assertThat(option.get("score").asDouble()).isCloseTo(sum, org.assertj.core.data.Offset.offset(0.001));
        }
        assertThat(options.get(0).get("score").asDouble()).isGreaterThanOrEqualTo(options.get(1).get("score")
                .asDouble());
        JsonNode excluded = job.at("/recommendation/excluded");
        assertThat(excluded.size()).isPositive();
        assertThat(excluded.get(0).at("/reasons/0/rule").asText()).isNotBlank();
        assertThat(excluded.get(0).at("/reasons/0/detail").asText()).isNotBlank();

        assertThat(job.at("/assignment/technicianId").asText()).isEqualTo(options.get(0).get("technicianId").asText());
        String technician = job.at("/assignment/technicianId").asText();
        JsonNode plan = client.json("/api/v1/technicians/" + technician + "/plan", "dispatcher");
        assertThat(plan.get("visits").findValuesAsText("jobId")).contains(id);
        JsonNode place = client.json("/api/v1/jobs/" + id, "dispatcher").get("plan");
        assertThat(place.get("technicianId").asText()).isEqualTo(technician);
        assertThat(place.at("/visit/visit/state").asText()).isEqualTo("ASSIGNED");
        assertThat(place.at("/visit/arrival").asText()).isNotBlank();
        assertThat(options.get(0).at("/placement/summary").asText()).contains(" of ");
        assertThat(job.at("/assignment/fallbackTechnicianId").asText())
                .isEqualTo(options.get(1).get("technicianId").asText());
        assertThat(job.at("/assignment/mode").asText()).isEqualTo("AUTOMATIC");
        assertThat(job.at("/pack/issueSummary").asText()).isEqualTo("Furnace not heating, house is cold");
        assertThat(job.at("/pack/requiredParts/0").asText()).isEqualTo("FLT-16X25");
        assertThat(job.get("audit")).extracting(a -> a.get("action").asText())
                .containsSubsequence("received", "classified", "ranked", "auto-assign-cleared", "assigned");
    }

    @Test
    void workTheSourceAlreadyAssignedIsHeldInThatTechniciansPlanNeverDispatchedAgain() {
        // The office gave it to the last option the ranking would list, not to the best.
        String probe = parse(client.post("/api/v1/jobs", "integration", job("IT-OFFICE-PROBE", SILVER,
                "Kitchen drain clogged")).body()).get("id").asText();
        JsonNode options = awaitStatus(probe, "ASSIGNED").at("/recommendation/options");
        String office = options.get(options.size() - 1).get("technicianId").asText();
        String body = job("IT-OFFICE-1", SILVER, "Kitchen drain clogged").replaceFirst("\\{",
                "{\"assignedTechnicianId\": \"" + office + "\", ");
        // Only a source whose office assigns work may name the technician; anyone else would pin work.
        var refused = client.post("/api/v1/jobs", "integration", body);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("assignedTechnicianId", "committed-sources");

        // Nobody who can post jobs may bring them in as the ServiceTitan adapter's: they would be written back there.
        var foreign = client.post("/api/v1/jobs", "integration", body.replace("\"source\": \"test\"",
                "\"source\": \"servicetitan\""));
        assertThat(foreign.statusCode()).isEqualTo(400);
        assertThat(foreign.body()).contains("\"field\":\"source\"", "owned-sources");
        // A source whose office assigns work, configured for this test (gateway.intake.committed-sources).
        String id = parse(client.post("/api/v1/jobs", "integration", body.replace("\"source\": \"test\"",
                "\"source\": \"office\"")).body()).get("id").asText();

        JsonNode job = awaitStatus(id, "ASSIGNED");
        assertThat(job.at("/assignment/technicianId").asText()).isEqualTo(office);
        assertThat(job.at("/assignment/mode").asText()).isEqualTo("IMPORTED");
        assertThat(job.at("/assignment/assignedBy").asText()).isEqualTo("source:office");
        assertThat(job.at("/plan/technicianId").asText()).as("held in the office's technician's plan")
                .isEqualTo(office);
        assertThat(job.get("audit")).extracting(a -> a.get("action").asText())
                .containsSubsequence("ranked", "committed-by-source", "assigned")
                .doesNotContain("auto-assign-cleared", "approval-requested");
        assertThat(writeBacks.list(WriteBackQueue.Status.DONE, 0, 10_000)).extracting(WriteBackQueue.Entry::jobId)
                .as("nothing written back to the source, which has it").doesNotContain(id).contains(probe);
        assertThat(writeBacks.pendingFor(id)).isEmpty();
        // Not the gateway's dispatch: KPIs take no assignment time or automation share from it.
        JsonNode fact = java.util.stream.StreamSupport.stream(client.json("/api/v1/kpis/facts", "manager")
                .spliterator(), false).filter(f -> f.get("jobId").asText().equals(id)).findFirst().orElseThrow();
        assertThat(fact.get("assignmentMode").asText()).isEqualTo("IMPORTED");
        assertThat(fact.hasNonNull("assignedAt")).isFalse();
        assertThat(fact.hasNonNull("assignmentMinutes")).isFalse();

        // A technician the gateway does not know (or whose rules exclude them): a dispatcher decides, and why.
        String unknown = parse(client.post("/api/v1/jobs", "integration", job("IT-OFFICE-2", SILVER,
                "Kitchen drain clogged").replace("\"source\": \"test\"", "\"source\": \"office\"")
                .replaceFirst("\\{", "{\"assignedTechnicianId\": \"T-NOBODY\", ")).body()).get("id").asText();
        JsonNode waiting = awaitStatus(unknown, "PENDING_APPROVAL");
        assertThat(waiting.at("/approval/reasons").toString())
                .contains("the office assigned T-NOBODY in office, who is not known to the gateway");
    }

    @Test
    void theSourcesJobTypeDecidesSkillDurationAndPriorityAndTheReadBackSaysSo() {
        String body = job("IT-TYPED-1", SILVER, "Kitchen drain clogged").replaceFirst("\\{",
                "{\"jobType\": {\"name\": \"Drain Cleaning\", \"skills\": [\"plumbing\"], \"duration\": \"PT45M\","
                        + " \"priority\": \"HIGH\"}, ");

        String id = parse(client.post("/api/v1/jobs", "integration", body).body()).get("id").asText();

        JsonNode job = await().atMost(Duration.ofSeconds(30)).until(() -> client.json("/api/v1/jobs/" + id,
                "dispatcher"), j -> j.hasNonNull("classification"));
        assertThat(job.at("/classification/rule").asText()).startsWith("job-type:Drain Cleaning + ");
        assertThat(job.at("/classification/requiredSkill").asText()).isEqualTo("plumbing");
        assertThat(job.at("/classification/estimatedDuration").asText()).isEqualTo("PT45M");
        assertThat(job.at("/classification/priority").asText()).isEqualTo("HIGH");
        // A job type that is not an object is a field problem like any other.
        var refused = client.post("/api/v1/jobs", "integration", job("IT-TYPED-2", SILVER, "Drain")
                .replaceFirst("\\{", "{\"jobType\": \"drains\", "));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("jobType");
    }

    @Test
    void criticalJobWaitsForApprovalAndTheApproverIsRecorded() {
        String id = parse(client.post("/api/v1/jobs", "integration",
                job("IT-CRIT-1", PLATINUM, "Smell of gas in the boiler room")).body()).get("id").asText();

        JsonNode pending = awaitStatus(id, "PENDING_APPROVAL");
        assertThat(pending.at("/approval/reasons").toString()).contains("CRITICAL", "safety");
        String approvalId = pending.at("/approval/id").asText();
        JsonNode inbox = client.json("/api/v1/approvals?status=PENDING&size=500", "dispatcher");
        assertThat(inbox.get("items")).extracting(a -> a.get("id").asText()).contains(approvalId);

        String second = pending.at("/recommendation/options/1/technicianId").asText();
        HttpResponse<String> decided = client.post("/api/v1/approvals/" + approvalId + "/decision", "dispatcher",
                "{\"decision\":\"APPROVE\",\"technicianId\":\"" + second + "\",\"comment\":\"closer to depot\"}");
        assertThat(decided.statusCode()).isEqualTo(200);

        JsonNode assigned = awaitStatus(id, "ASSIGNED");
        assertThat(assigned.at("/assignment/technicianId").asText()).isEqualTo(second);
        assertThat(assigned.at("/assignment/mode").asText()).isEqualTo("OVERRIDDEN");
        assertThat(assigned.at("/assignment/assignedBy").asText()).isEqualTo("user:dispatcher");
        assertThat(assigned.at("/approval/decidedBy").asText()).isEqualTo("dispatcher");
        assertThat(assigned.at("/pack/technicianId").asText()).isEqualTo(second);

        HttpResponse<String> again = client.post("/api/v1/approvals/" + approvalId + "/decision", "manager",
                "{\"decision\":\"REJECT\"}");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("already APPROVED by dispatcher");
    }

    @Test
    void rejectingAnApprovalStopsTheJobWithTheCommentInItsAudit() {
        String id = parse(client.post("/api/v1/jobs", "integration",
                job("IT-CRIT-2", PLATINUM, "Gas leak at the meter")).body()).get("id").asText();
        String approvalId = awaitStatus(id, "PENDING_APPROVAL").at("/approval/id").asText();

        assertThat(client.post("/api/v1/approvals/" + approvalId + "/decision", "manager",
                "{\"decision\":\"REJECT\",\"comment\":\"utility company handles meters\"}").statusCode()).isEqualTo(200);

        JsonNode rejected = awaitStatus(id, "REJECTED");
        assertThat(rejected.get("assignment").isNull()).isTrue();
        assertThat(rejected.get("audit").toString()).contains("user:manager", "utility company handles meters");
    }

    @Test
    void replayReproducesTheStoredRankingAndShowsWhatAnotherPolicyChanges() {
        String id = parse(client.post("/api/v1/jobs", "integration",
                job("IT-REPLAY-1", SILVER, "No heat in the bedrooms")).body()).get("id").asText();
        JsonNode stored = awaitStatus(id, "ASSIGNED").get("recommendation");

        JsonNode same = parse(client.post("/api/v1/jobs/" + id + "/replay", "dispatcher", "{}").body());
        assertThat(same.get("identical").asBoolean()).isTrue();
        assertThat(same.get("changes").size()).isZero();
        assertThat(same.get("replayed").get("options")).isEqualTo(stored.get("options"));
        assertThat(same.get("replayed").get("excluded")).isEqualTo(stored.get("excluded"));

        JsonNode other = parse(client.post("/api/v1/jobs/" + id + "/replay", "manager",
                "{\"policy\": \"minimize-travel\"}").body());
        assertThat(other.get("replayPolicy").asText()).isEqualTo("minimize-travel");
        assertThat(other.get("identical").asBoolean()).isFalse();
        assertThat(other.get("changes").size()).isPositive();

        JsonNode whatIf = parse(client.post("/api/v1/jobs/" + id + "/replay", "manager",
                "{\"weights\": {\"skill-fit\": 5}}").body());
        assertThat(whatIf.get("replayPolicy").asText()).isEqualTo(stored.get("policy").asText() + "+what-if");
        assertThat(whatIf.at("/replayed/options/0/components/2/weight").asDouble()).isEqualTo(5.0);

        HttpResponse<String> unknown = client.post("/api/v1/jobs/" + id + "/replay", "manager",
                "{\"policy\": \"cheapest\", \"weights\": {\"speed\": 1}}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("cheapest");
        assertThat(client.post("/api/v1/jobs/" + id + "/replay", "integration", "{}").statusCode()).isEqualTo(403);

        // A ranking stored before the snapshots had a table of their own (in the job's row, uncompressed) replays
        // the same.
        String snapshot = new com.fasterxml.jackson.databind.ObjectMapper().findAndRegisterModules()
                .valueToTree(jobs.rankingInput(id).orElseThrow()).toString();
        jdbc.sql("UPDATE job SET ranking_input = ? WHERE id = ?").param(snapshot).param(id).update();
        assertThat(jdbc.sql("DELETE FROM ranking_snapshot WHERE job_id = ?").param(id).update()).isEqualTo(1);
        JsonNode legacy = parse(client.post("/api/v1/jobs/" + id + "/replay", "dispatcher", "{}").body());
        assertThat(legacy.get("identical").asBoolean()).isTrue();
        assertThat(legacy.get("replayed").get("excluded")).isEqualTo(stored.get("excluded"));
    }

    @Test
    void policiesAreListedWithTheirSelectionRules() {
        JsonNode policies = client.json("/api/v1/policies", "dispatcher");

        assertThat(policies.get("policies")).extracting(p -> p.get("name").asText())
                .contains("balanced", "customer-first", "minimize-travel", "emergency");
        assertThat(policies.get("defaultPolicy").asText()).isEqualTo("balanced");
        assertThat(policies.at("/selection/0/policy").asText()).isEqualTo("emergency");
    }

    @Test
    void jobNobodyCanReachIsEscalatedNeverAssigned() {
        String far = """
                {"externalId": "IT-FAR-1", "customerId": "%s", "summary": "Kitchen drain clogged",
                 "location": {"address": "Cheyenne, WY", "lat": 41.14, "lon": -104.82}}
                """.formatted(SILVER);
        String id = parse(client.post("/api/v1/jobs", "integration", far).body()).get("id").asText();

        JsonNode escalated = awaitStatus(id, "ESCALATED");

        assertThat(escalated.at("/recommendation/options").size()).isZero();
        assertThat(escalated.at("/recommendation/excluded").toString()).contains("max-travel");
        assertThat(escalated.at("/approval/reasons/0").asText()).startsWith("no technician passes the hard constraints");
        assertThat(escalated.get("assignment").isNull()).isTrue();
        assertThat(escalated.get("audit").toString()).contains("escalation-no-eligible-technician");

        // Sending someone anyway breaks a hard rule: a manager's call, with a reason. The job takes a place at the end
        // of that technician's plan, and the audit names the rule the choice breaks.
        String technician = null;
        for (JsonNode excluded : escalated.at("/recommendation/excluded")) {
            if (technician == null && excluded.get("reasons").toString().contains("max-travel")) {
                technician = excluded.get("technicianId").asText();
            }
        }
        assertThat(technician).as("a technician excluded only by the drive").isNotNull();
        String decision = "/api/v1/approvals/" + escalated.at("/approval/id").asText() + "/decision";
        assertThat(client.post(decision, "dispatcher", "{\"decision\": \"APPROVE\", \"technicianId\": \""
                + technician + "\", \"comment\": \"nearest\"}").statusCode()).isEqualTo(403);
        var decided = client.post(decision, "manager", "{\"decision\": \"APPROVE\", \"technicianId\": \""
                + technician + "\", \"comment\": \"the customer accepts the long drive\"}");
        assertThat(decided.statusCode()).isEqualTo(200);
        JsonNode assigned = awaitStatus(id, "ASSIGNED");
        assertThat(assigned.at("/assignment/technicianId").asText()).isEqualTo(technician);
        assertThat(assigned.at("/assignment/mode").asText()).isEqualTo("OVERRIDDEN");
        assertThat(assigned.at("/plan/technicianId").asText()).isEqualTo(technician);
        assertThat(assigned.get("audit").toString()).contains("overriding the hard rules: ", "max-travel (travel");
    }

    @Test
    void jobDroppedInTheInboxFolderIsTakenAndMovedToDone() throws Exception {
        Path inbox = Files.createDirectories(dataDir.resolve("inbox"));
        Files.writeString(inbox.resolve("job-1.json"), job("IT-INBOX-1", SILVER, "Breaker keeps tripping"));
        Files.writeString(inbox.resolve("job-2.json"), "{\"externalId\": \"IT-INBOX-2\"}");

        String id = await().atMost(Duration.ofSeconds(20)).until(() -> jobs.findId("test", "IT-INBOX-1"),
                Optional::isPresent).orElseThrow();

        assertThat(awaitStatus(id, "ASSIGNED").get("audit").toString()).contains("via inbox");
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(inbox.resolve(".done/job-2.json")));
        assertThat(inbox.resolve("job-1.json")).doesNotExist();
        assertThat(client.json("/api/v1/quarantine?size=100", "dispatcher").get("items").toString())
                .contains("IT-INBOX-2");
    }

    @Test
    void sameExternalIdFromTheSameSourceYieldsOneJob() {
        String body = job("IT-DUP-1", SILVER, "Kitchen drain clogged");
        JsonNode first = parse(client.post("/api/v1/jobs", "integration", body).body());
        JsonNode second = parse(client.post("/api/v1/jobs", "integration", body).body());

        assertThat(second.get("id").asText()).isEqualTo(first.get("id").asText());
        assertThat(second.get("duplicate").asBoolean()).isTrue();
        assertThat(first.get("duplicate").asBoolean()).isFalse();
    }

    @Test
    void badJobGetsAProblemNamingEveryFieldAndIsQuarantined() {
        HttpResponse<String> response = client.post("/api/v1/jobs", "integration",
                "{\"externalId\":\"\",\"customerId\":\"C-404\",\"location\":{\"lat\":\"north\",\"lon\":200},"
                        + "\"reportedPriority\":\"URGENT\",\"colour\":\"red\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = parse(response.body());
        assertThat(problem.get("errors")).extracting(e -> e.get("field").asText()).containsExactlyInAnyOrder(
                "colour", "customerId", "externalId", "location.lat", "location.lon", "reportedPriority", "summary");
        String quarantineId = problem.get("quarantineId").asText();

        JsonNode quarantine = client.json("/api/v1/quarantine?size=100", "integration");
        JsonNode entry = find(quarantine.get("items"), quarantineId);
        assertThat(entry.get("payload").asText()).contains("\"colour\":\"red\"");
        assertThat(entry.get("errors").toString()).contains("location.lat", "must be a number");
    }

    @Test
    void noRequestOfAFuzzedBatchGetsAServerError() {
        String valid = job("IT-FUZZ", SILVER, "No power in the office");
        Random random = new Random(20261122);
        List<String> bodies = new ArrayList<>(List.of("", "{", "[]", "null", "42", "\"text\"", "{}", "{\"a\":}",
                valid.replace("39.7447", "\"x\""), valid.replace("\"FLT-16X25\"", "{\"a\":1}"),
                valid.replace("\"test\"", "\"BAD SOURCE\""), "{\"location\":[]}", "\u0000\u0001",
                valid.replace("{", "{\"location\":null,"), valid + "}", "{\"summary\":" + "[".repeat(500) + "}"));
        for (int i = 0; i < 150; i++) {
            StringBuilder mutated = new StringBuilder(valid.replace("IT-FUZZ", "IT-FUZZ-" + i));
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits; e++) {
                int at = random.nextInt(mutated.length());
                switch (random.nextInt(3)) {
                    case 0 -> mutated.deleteCharAt(at);
                    case 1 -> mutated.insert(at, "\"{}[]:,0-e\\".charAt(random.nextInt(11)));
                    default -> mutated.setCharAt(at, (char) (32 + random.nextInt(95)));
                }
            }
            bodies.add(mutated.toString());
        }
        for (String body : bodies) {
            HttpResponse<String> response = client.post("/api/v1/jobs", "integration", body);
            assertThat(response.statusCode()).as("status for %s", body).isLessThan(500);
            assertThat(response.body()).as("body for %s", body).doesNotContain("Exception", "\tat ");
        }
    }

    @Test
    void noWriteEndpointGivesAServerErrorForAnyContentType() {
        String id = parse(client.post("/api/v1/jobs", "integration", job("IT-CT-1", SILVER, "Kitchen drain clogged"))
                .body()).get("id").asText();
        List<String[]> writes = List.of(new String[] {"POST", "/api/v1/jobs"},
                new String[] {"POST", "/api/v1/jobs/" + id + "/replay"},
                new String[] {"POST", "/api/v1/jobs/" + id + "/reassign"},
                new String[] {"POST", "/api/v1/jobs/" + id + "/events"},
                new String[] {"POST", "/api/v1/jobs/" + id + "/customer-updates/1/sent"},
                new String[] {"POST", "/api/v1/approvals/A-1/decision"}, new String[] {"POST",
                        "/api/v1/plans/optimize"},
                new String[] {"POST", "/api/v1/plans/proposals/P-1/decision"},
                new String[] {"POST", "/api/v1/plans/proposals/P-1/replay"},
                new String[] {"PUT", "/api/v1/technicians/T-FUZZ"}, new String[] {"PUT", "/api/v1/customers/C-FUZZ"},
                new String[] {"PUT", "/api/v1/depots/D-FUZZ"}, new String[] {"POST",
                        "/api/v1/technicians/T-001/location"},
                new String[] {"POST", "/packs/" + id}, new String[] {"POST", "/approvals/A-1"},
                new String[] {"POST", "/plans/proposals/P-1"});
        List<String> types = List.of("multipart/form-data", "multipart/form-data; boundary=x", "*/*", "text/*",
                "text/plain", "application/x-www-form-urlencoded", "application/xml", "application/json; charset=nope",
                "garbage", ";;", "application/json");
        List<String> bodies = List.of("{\"a\": 1}",
                "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--x--",
                "type=CANCELLED", "\u0000");
        for (String[] write : writes) {
            for (String type : types) {
                for (String body : bodies) {
                    for (String user : List.of("integration", "admin")) {
                        HttpResponse<String> response = client.send(write[0], write[1], user, body, type);
                        assertThat(response.statusCode()).as("%s %s as %s by %s: %s", write[0], write[1], type,
                                user, body).isLessThan(500);
                        assertThat(response.body()).doesNotContain("Exception", "\tat ");
                    }
                }
            }
        }
        HttpResponse<String> multipart = client.send("POST", "/api/v1/jobs", "integration", "x", "multipart/form-data");
        assertThat(multipart.statusCode()).isEqualTo(415);
        assertThat(parse(multipart.body()).get("detail").asText()).contains("no multipart");
    }

    @Test
    void anotherSiteCannotActWithABrowsersRememberedLogin() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        String body = job("IT-CSRF-1", SILVER, "Kitchen drain clogged");
        java.util.function.BiFunction<String, String[], HttpResponse<String>> post = (type, headers) -> {
            var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port
                    + "/api/v1/jobs")).POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                    .header("Content-Type", type).header("Authorization", "Basic " + java.util.Base64.getEncoder()
                            .encodeToString("integration:integration".getBytes()));
            for (int i = 0; i < headers.length; i += 2) {
                request.header(headers[i], headers[i + 1]);
            }
            try {
                return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };

        // A page of another site can send text/plain without the browser asking first: the API takes JSON only.
        assertThat(post.apply("text/plain", new String[0]).statusCode()).isEqualTo(415);
        assertThat(post.apply("application/json", new String[] {"Origin", "https://evil.example"}).statusCode())
                .isEqualTo(403);
        assertThat(post.apply("application/json", new String[] {"Origin", "null"}).statusCode()).isEqualTo(403);
        assertThat(post.apply("application/json", new String[] {"Sec-Fetch-Site", "cross-site"}).statusCode())
                .isEqualTo(403);
        assertThat(jobs.findId("test", "IT-CSRF-1")).isEmpty();
        // The gateway's own pages, and clients that are not browsers, are unaffected.
        assertThat(post.apply("application/json", new String[] {"Origin", "http://localhost:" + port,
                "Sec-Fetch-Site", "same-origin"}).statusCode()).isEqualTo(202);
        String id = jobs.findId("test", "IT-CSRF-1").orElseThrow();
        awaitStatus(id, "ASSIGNED");
        // The pack page's own form, with the CSRF token the page gave, goes through; the same fields without it
        // (another site's page with the dispatcher's remembered login) do not.
        assertThat(client.formWithoutToken("/packs/" + id, "dispatcher", "type=CANCELLED").statusCode())
                .isEqualTo(403);
        assertThat(client.json("/api/v1/jobs/" + id, "dispatcher").get("status").asText()).isEqualTo("ASSIGNED");
        assertThat(client.form("/packs/" + id, "dispatcher", "type=CANCELLED").statusCode()).isNotEqualTo(403);
        var foreignForm = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:"
                + port + "/packs/" + id)).POST(java.net.http.HttpRequest.BodyPublishers.ofString("type=CANCELLED"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", "https://evil.example")
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        "dispatcher:dispatcher".getBytes())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(foreignForm.statusCode()).isEqualTo(403);
    }

    @Test
    void everyAnswerCarriesTheBrowserSafetyHeaders() {
        HttpResponse<String> response = client.get("/api/v1/jobs/J-NONE", "dispatcher");

        assertThat(response.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("default-src 'none'", "frame-ancestors 'none'", "form-action 'self'"));
        assertThat(response.headers().firstValue("Referrer-Policy")).contains("same-origin");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    }

    @Test
    void referenceDataChangesAreAuditedWithWhoAndWhatBeforeAndAfter() {
        String technician = """
                {"name": "Rhea Voss", "skills": {"gas": 3}, "homeBase": {"lat": 39.74, "lon": -104.99},
                 "certifications": []}""";
        assertThat(client.send("PUT", "/api/v1/technicians/T-AUDIT", "integration", technician).statusCode())
                .isEqualTo(200);
        assertThat(client.send("PUT", "/api/v1/technicians/T-AUDIT", "integration", technician.replace(
                "\"certifications\": []", "\"certifications\": [{\"code\": \"GAS-FITTER\"}]")).statusCode())
                .isEqualTo(200);

        JsonNode entries = client.json("/api/v1/admin/audit?limit=20", "admin");
        List<String> details = new ArrayList<>();
        entries.forEach(e -> details.add(e.get("actor").asText() + " " + e.get("action").asText() + " "
                + e.get("detail").asText()));
        assertThat(details).anySatisfy(d -> assertThat(d).startsWith("user:integration technician-saved technician"
                + " T-AUDIT changed: certifications [] -> [{\"code\":\"GAS-FITTER\""));
        assertThat(details).anySatisfy(d -> assertThat(d).contains("technician T-AUDIT created: "));
    }

    @Test
    void passwordGuessingIsThrottledForThatNameFromThatAddressBeforeAnyPasswordIsChecked() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.util.function.Function<String, HttpResponse<String>> login = password -> {
            try {
                return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port
                        + "/api/v1/jobs/J-NONE")).header("Authorization", "Basic " + java.util.Base64.getEncoder()
                        .encodeToString(("mallory:" + password).getBytes())).build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        for (int i = 0; i < 10; i++) {
            assertThat(login.apply("guess-" + i).statusCode()).isEqualTo(401);
        }

        HttpResponse<String> throttled = login.apply("guess-10");

        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
        assertThat(throttled.body()).contains("too many failed logins");
        // Another user from the same address is not locked out.
        assertThat(client.get("/api/v1/jobs/J-NONE", "dispatcher").statusCode()).isEqualTo(404);
    }

    @Test
    void oversizedBodyIsRefusedWith413() {
        String huge = job("IT-BIG", SILVER, "x".repeat(300_000));

        HttpResponse<String> response = client.post("/api/v1/jobs", "integration", huge);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(parse(response.body()).get("detail").asText()).contains("over the limit");
    }

    @Test
    void referenceDataCanBeWrittenListedAndLocated() {
        String technician = """
                {"name": "Pat Quinn", "skills": {"general": 3, "plumbing": 4},
                 "homeBase": {"lat": 39.70, "lon": -104.95}, "territory": "central"}
                """;
        HttpResponse<String> put = client.send("PUT", "/api/v1/technicians/T-900", "integration", technician);
        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(parse(put.body()).get("active").asBoolean()).isTrue();

        HttpResponse<String> located = client.post("/api/v1/technicians/T-900/location", "integration",
                "{\"lat\":39.75,\"lon\":-104.99}");
        assertThat(located.statusCode()).isEqualTo(200);
        assertThat(parse(located.body()).at("/lastKnownLocation/lat").asDouble()).isEqualTo(39.75);

        JsonNode page = client.json("/api/v1/technicians?page=0&size=10", "dispatcher");
        assertThat(page.get("items").size()).isEqualTo(10);
        assertThat(page.get("total").asLong()).isGreaterThanOrEqualTo(41);
        assertThat(client.json("/api/v1/customers?size=5", "dispatcher").get("total").asLong()).isEqualTo(300);

        HttpResponse<String> depot = client.send("PUT", "/api/v1/depots/D-09", "integration",
                "{\"name\":\"Pop-up\",\"location\":{\"lat\":39.7,\"lon\":-105.0},\"stock\":{\"CAP-45-5\":3}}");
        assertThat(depot.statusCode()).isEqualTo(200);
        HttpResponse<String> badCustomer = client.send("PUT", "/api/v1/customers/C-900", "integration",
                "{\"id\":\"C-901\",\"name\":\"\",\"tier\":\"GOLDEN\"}");
        assertThat(badCustomer.statusCode()).isEqualTo(400);
        assertThat(parse(badCustomer.body()).get("errors")).extracting(e -> e.get("field").asText())
                .containsExactlyInAnyOrder("id", "name", "tier");
    }

    @Test
    void everyEndpointButHealthNeedsARoleAndRouteControlIsForAdmins() {
        assertThat(client.get("/api/v1/jobs/J-1", null).statusCode()).isEqualTo(401);
        assertThat(client.get("/api/v1/jobs/J-1", "nobody").statusCode()).isEqualTo(401);
        assertThat(client.get("/v3/api-docs", null).statusCode()).isEqualTo(401);
        assertThat(client.get("/actuator/prometheus", null).statusCode()).isEqualTo(401);
        assertThat(client.get("/actuator/health", null).statusCode()).isEqualTo(200);
        // The probes an orchestrator asks: alive, and ready to take work.
        assertThat(client.get("/actuator/health/liveness", null).body()).contains("\"UP\"");
        assertThat(client.get("/actuator/health/readiness", null).body()).contains("\"UP\"");
        assertThat(client.get("/api/v1/plans/proposals", "integration").statusCode()).isEqualTo(403);

        assertThat(client.get("/actuator/camelroutes", "dispatcher").statusCode()).isEqualTo(403);
        assertThat(client.post("/actuator/camelroutes/job-rank/stop", "dispatcher", "{}").statusCode()).isEqualTo(403);
        assertThat(client.post("/api/v1/jobs", "kpi", job("IT-SEC", SILVER, "x")).statusCode()).isEqualTo(403);
        assertThat(client.get("/actuator/prometheus", "kpi").body()).contains("gateway_job_facts_total");
        // The caller's tenants come from its identity, never from a request parameter.
        assertThat(client.get("/v3/api-docs", "dispatcher").body()).doesNotContain("\"name\":\"scope\"",
                "TenantScope");
        assertThat(client.get("/v3/api-docs", "dispatcher").body()).contains("/api/v1/jobs",
                "/api/v1/approvals/{id}/decision", "/api/v1/jobs/{id}/events", "/api/v1/kpis/facts",
                "/api/v1/kpis/push", "/api/v1/packs/{jobId}");
    }

    @Test
    void adminTogglesRoutesAndEveryToggleIsAudited() {
        assertThat(client.post("/actuator/camelroutes/inbox-job-source/suspend", "admin", "{}").statusCode())
                .isEqualTo(204);
        assertThat(client.json("/actuator/camelroutes/inbox-job-source/info", "admin").get("status").asText())
                .isEqualTo("Suspended");
        assertThat(client.post("/actuator/camelroutes/inbox-job-source/resume", "admin", "{}").statusCode())
                .isEqualTo(204);
        assertThat(client.json("/actuator/camelroutes/inbox-job-source/info", "admin").get("status").asText())
                .isEqualTo("Started");

        JsonNode audit = client.json("/api/v1/admin/audit", "admin");
        assertThat(audit).extracting(a -> a.get("action").asText() + " " + a.get("detail").asText() + " "
                + a.get("actor").asText())
                .contains("route-suspend route inbox-job-source user:admin",
                        "route-resume route inbox-job-source user:admin");
        assertThat(client.get("/api/v1/admin/audit", "dispatcher").statusCode()).isEqualTo(403);
    }

    private JsonNode awaitStatus(String id, String status) {
        return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> client.json("/api/v1/jobs/" + id, "dispatcher"),
                        job -> status.equals(job.get("status").asText()));
    }

    private static JsonNode find(JsonNode items, String id) {
        for (JsonNode item : items) {
            if (item.get("id").asText().equals(id)) {
                return item;
            }
        }
        throw new AssertionError("no quarantine entry " + id + " in " + items);
    }
}
