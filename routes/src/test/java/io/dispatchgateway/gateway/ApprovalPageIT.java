package io.dispatchgateway.gateway;

import static io.dispatchgateway.gateway.GatewayClient.job;
import static io.dispatchgateway.gateway.GatewayClient.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dispatchgateway.core.approval.ApprovalLinks;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The approval page a Teams card opens: over plain HTTP for every state it has, and in a real headless Chromium at
 * a phone-sized viewport for the click a dispatcher makes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
@Import(MondayMorningClock.class)
class ApprovalPageIT {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("gateway.data-dir", dataDir::toString);
        registry.add("gateway.approval.link-secret", () -> "page-test-secret-0123456789abcdef0123");
    }

    @Autowired
    ApprovalLinks links;

    @LocalServerPort
    int port;

    @Test
    void pageShowsTheContextAndADecisionIsRecordedOnceWithTheUser() {
        GatewayClient client = new GatewayClient(port);
        Pending pending = pendingApproval(client, "PAGE-1");

        HttpResponse<String> page = client.get(pending.path(), "dispatcher");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body()).contains("Smell of gas at the clinic", "PLATINUM", "priority is CRITICAL",
                "name=\"technicianId\"", pending.best());

        assertThat(client.get("/approvals/" + pending.approvalId() + "?token=" + pending.token() + "x", "dispatcher")
                .statusCode()).isEqualTo(403);
        String expired = links.token(pending.approvalId(), Instant.parse("2020-01-01T00:00:00Z"));
        assertThat(client.get("/approvals/" + pending.approvalId() + "?token=" + expired, "dispatcher").body())
                .contains("This link has expired");
        assertThat(client.get(pending.path(), null).statusCode()).isEqualTo(401);
        assertThat(client.get(pending.path(), "integration").statusCode()).isEqualTo(403);

        // A comment is bounded as the API's is: a 1.5 MB one is refused, nothing decided or stored.
        HttpResponse<String> huge = form(client, pending, "decision=APPROVE&technicianId=" + pending.best()
                + "&comment=" + "x".repeat(1_500_000));
        assertThat(huge.statusCode()).isEqualTo(400);
        assertThat(huge.body()).contains("at most 2,000");

        // Another site's page posting with the dispatcher's remembered login has no CSRF token: refused.
        HttpResponse<String> forged = client.formWithoutToken("/approvals/" + pending.approvalId(), "dispatcher",
                "token=" + URLEncoder.encode(pending.token(), StandardCharsets.UTF_8) + "&decision=REJECT");
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("security token is missing");
        assertThat(page.body()).contains("name=\"_csrf\"");
        assertThat(client.json("/api/v1/jobs/" + pending.jobId(), "dispatcher").at("/approval/status").asText())
                .isEqualTo("PENDING");

        GatewayClient.FormToken openedBefore = client.csrf(pending.path(), "dispatcher");
        HttpResponse<String> approved = form(client, pending, "decision=APPROVE&technicianId=" + pending.best());
        assertThat(approved.statusCode()).isEqualTo(200);
        assertThat(approved.body()).contains("is being assigned to " + pending.best(), "by dispatcher");
        JsonNode job = await().atMost(Duration.ofSeconds(10)).until(() -> client.json("/api/v1/jobs/" + pending.jobId(),
                "dispatcher"), found -> "ASSIGNED".equals(found.get("status").asText()));
        assertThat(job.at("/approval/decidedBy").asText()).isEqualTo("dispatcher");

        // A second press on the page still open in another tab: its form's token is good, the approval is decided.
        HttpResponse<String> twice = client.form("/approvals/" + pending.approvalId(), "dispatcher", "token="
                + URLEncoder.encode(pending.token(), StandardCharsets.UTF_8) + "&decision=REJECT", openedBefore);
        assertThat(twice.statusCode()).isEqualTo(409);
        assertThat(twice.body()).contains("was APPROVED by dispatcher");
        assertThat(client.get(pending.path(), "manager").body()).contains("Already decided");
    }

    @Test
    void dispatcherApprovesFromAPhoneInARealBrowser() throws Exception {
        Path chromedriver = Path.of(System.getProperty("chromedriver", "/usr/bin/chromedriver"));
        Path chromium = Path.of(System.getProperty("chromium", "/usr/bin/chromium"));
        Assumptions.assumeTrue(Files.isExecutable(chromedriver) && Files.isExecutable(chromium),
                "no Chromium here: install Debian's chromium and chromium-driver (.ci/run does) to run this test");
        GatewayClient client = new GatewayClient(port);
        Pending pending = pendingApproval(client, "PAGE-2");

        try (HeadlessChromium browser = HeadlessChromium.start(chromedriver, chromium, 390, 844)) {
            // The demo user's credentials, as a browser asked for them would send them.
            browser.open("http://dispatcher:dispatcher@localhost:" + port + pending.path());
            assertThat(browser.text("h1")).isEqualTo("Smell of gas at the clinic");
            browser.click("#approve");
            assertThat(browser.text("#result")).contains("is being assigned to " + pending.best(), "by dispatcher");
            assertThat(browser.viewportWidth()).isEqualTo(390);
        }

        JsonNode job = await().atMost(Duration.ofSeconds(10)).until(() -> client.json("/api/v1/jobs/" + pending.jobId(),
                "dispatcher"), found -> "ASSIGNED".equals(found.get("status").asText()));
        assertThat(job.at("/assignment/technicianId").asText()).isEqualTo(pending.best());
        assertThat(job.at("/approval/decidedBy").asText()).isEqualTo("dispatcher");
    }

    @Test
    void sendingATechnicianWhoFailsTheSafetyRulesTakesAManagerAndAReasonNamedInTheAudit() {
        GatewayClient client = new GatewayClient(port);
        Pending pending = pendingApproval(client, "PAGE-SAFETY");
        JsonNode excluded = client.json("/api/v1/jobs/" + pending.jobId(), "dispatcher")
                .at("/recommendation/excluded/0");
        String unqualified = excluded.get("technicianId").asText();
        String decision = "{\"decision\": \"APPROVE\", \"technicianId\": \"" + unqualified + "\"%s}";

        HttpResponse<String> byDispatcher = client.post("/api/v1/approvals/" + pending.approvalId() + "/decision",
                "dispatcher", decision.formatted(", \"comment\": \"closest\""));
        assertThat(byDispatcher.statusCode()).isEqualTo(403);
        assertThat(byDispatcher.body()).contains("fails the hard rules", "only a manager");
        HttpResponse<String> noReason = client.post("/api/v1/approvals/" + pending.approvalId() + "/decision",
                "manager", decision.formatted(""));
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(noReason.body()).contains("\"field\":\"comment\"");
        HttpResponse<String> byManager = client.post("/api/v1/approvals/" + pending.approvalId() + "/decision",
                "manager", decision.formatted(", \"comment\": \"qualified fitter rides along\""));
        assertThat(byManager.statusCode()).isEqualTo(200);

        JsonNode job = client.json("/api/v1/jobs/" + pending.jobId(), "dispatcher");
        String rule = excluded.at("/reasons/0/rule").asText();
        assertThat(job.get("audit").toString()).contains("overriding the hard rules: " + rule,
                "qualified fitter rides along", "user:manager");
    }

    private record Pending(String jobId, String approvalId, String token, String best) {
        String path() {
            return "/approvals/" + approvalId + "?token=" + token;
        }
    }

    private Pending pendingApproval(GatewayClient client, String externalId) {
        String jobId = parse(client.post("/api/v1/jobs", "integration", job(externalId, "C-0059",
                "Smell of gas at the clinic")).body()).get("id").asText();
        JsonNode job = await().atMost(Duration.ofSeconds(10)).until(() -> client.json("/api/v1/jobs/" + jobId,
                "dispatcher"), found -> "PENDING_APPROVAL".equals(found.get("status").asText()));
        String approvalId = job.at("/approval/id").asText();
        return new Pending(jobId, approvalId, links.token(approvalId, Instant.now().plus(Duration.ofDays(400))),
                job.at("/approval/recommendedTechnicianId").asText());
    }

    private static HttpResponse<String> form(GatewayClient client, Pending pending, String fields) {
        return client.form("/approvals/" + pending.approvalId(), "dispatcher", "token="
                + URLEncoder.encode(pending.token(), StandardCharsets.UTF_8) + "&" + fields);
    }
}
