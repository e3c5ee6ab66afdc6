package io.dispatchgateway.gateway;

import static io.dispatchgateway.gateway.GatewayClient.job;
import static io.dispatchgateway.gateway.GatewayClient.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dispatchgateway.core.approval.ApprovalLinks;
import io.dispatchgateway.core.port.EscalationChannel;
import io.dispatchgateway.gateway.MondayMorningClock.RunningClock;
import io.dispatchgateway.gateway.live.SlaMonitor;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
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
 * Live operations on the demo roster, driven by a clock the tests move: the technician's pack behind its signed
 * link (also in a real phone-sized browser), a priority conflict whose bump waits for a manager, the three
 * outcomes of a missing part, a delay beyond the SLA, a missed arrival, and each SLA stage exactly once.
 * Each test starts on Monday morning again, with the roster as it was loaded and no work in the plans.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
@Import({MondayMorningClock.class, LiveOperationsIT.Escalations.class})
class LiveOperationsIT {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("gateway.data-dir", dataDir::toString);
        registry.add("gateway.approval.close-call-margin", () -> "0");
        registry.add("gateway.operations.monitor-interval", () -> "1h");
        registry.add("gateway.operations.breach-threshold", () -> "0.9");
    }

    /** Records every escalation instead of logging it. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Escalations {
        @Bean
        Recorded escalationChannel() {
            return new Recorded();
        }
    }

    static class Recorded implements EscalationChannel {
        final List<Escalation> sent = new CopyOnWriteArrayList<>();

        @Override
        public void escalate(Escalation escalation) {
            sent.add(escalation);
        }

        long count(String jobId, String kind) {
            return sent.stream().filter(e -> e.jobId().equals(jobId) && e.kind().equals(kind)).count();
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    Clock clock;

    @Autowired
    Recorded escalations;

    @Autowired
    SlaMonitor monitor;

    @Autowired
    ApprovalLinks links;

    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    private static GatewayState started;

    /** Monday morning again, with the roster as it was loaded and nothing planned. */
    @BeforeEach
    void freshMonday() {
        if (started == null) {
            started = GatewayState.snapshot(jdbc);
        }
        started.restore();
        ((RunningClock) clock).restartAt(MondayMorningClock.START);
        escalations.sent.clear();
    }

    private GatewayClient client() {
        return new GatewayClient(port);
    }

    @Test
    void theTechnicianOpensThePackFromTheSignedLinkAndOnlyFromIt() throws Exception {
        GatewayClient client = client();
        String id = submit(client, "PACK-1", "C-0059", "Water heater leaking in the staff room");
        decide(client, status(client, id, "PENDING_APPROVAL").at("/approval/id").asText(), "dispatcher", "APPROVE");
        JsonNode job = status(client, id, "ASSIGNED");
        String url = job.at("/pack/url").asText();
        assertThat(url).contains("/packs/" + id + "?token=");
        URI link = URI.create(url);
        String path = link.getRawPath() + "?" + link.getRawQuery();

        var page = client.get(path, null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Water heater leaking in the staff room", "Foxglove Physical Therapy",
                "Use the staff entrance on the east side", "FLT-16X25", "SLA deadline", "Escalation rules",
                "Fallback technician", "https://www.google.com/maps/dir/?api=1&amp;destination=");
        JsonNode json = client.json("/api/v1/packs/" + id + "?" + link.getRawQuery(), null);
        assertThat(json.at("/pack/jobId").asText()).isEqualTo(id);
        assertThat(json.at("/fallbackTechnician/id").asText()).isEqualTo(job.at("/assignment/fallbackTechnicianId")
                .asText());

        String tampered = path.substring(0, path.length() - 3) + (path.endsWith("AAA") ? "BBB" : "AAA");
        var refused = client.get(tampered, null);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("This link is not valid").doesNotContain("Exception");
        String technician = job.at("/assignment/technicianId").asText();
        String expired = links.token(io.dispatchgateway.gateway.dispatch.PackLinks.subject(id, technician,
                Instant.parse(job.at("/assignment/assignedAt").asText())), clock.instant().minusSeconds(60));
        var gone = client.get("/packs/" + id + "?token=" + expired, null);
        assertThat(gone.statusCode()).isEqualTo(410);
        assertThat(gone.body()).contains("This link has expired");
        assertThat(client.get("/packs/" + id, null).statusCode()).isEqualTo(403);
        // The technician reports from the page itself, signed in by the link.
        assertThat(page.body()).contains("id=\"en_route\"", "Running late");
        var reported = client.form(path, null, "type=EN_ROUTE");
        assertThat(reported.statusCode()).isEqualTo(303);
        assertThat(reported.headers().firstValue("Location")).hasValue(path);
        JsonNode enRoute = client.json("/api/v1/jobs/" + id, "dispatcher");
        assertThat(enRoute.get("status").asText()).isEqualTo("EN_ROUTE");
        assertThat(actions(enRoute)).contains("field-en-route");
        assertThat(enRoute.get("audit").toString()).contains("technician:" + job.at("/assignment/technicianId")
                .asText());
        // The link does what the page offers for the job's status, nothing more: no completing before arrival, no
        // cancelling ever.
        assertThat(client.form(path, null, "type=COMPLETED&firstTimeFix=true").statusCode()).isEqualTo(403);
        var cancel = client.form(path, null, "type=CANCELLED");
        assertThat(cancel.statusCode()).isEqualTo(403);
        assertThat(cancel.body()).contains("cannot report CANCELLED");
        assertThat(client.json("/api/v1/jobs/" + id, "dispatcher").get("status").asText()).isEqualTo("EN_ROUTE");
        assertThat(client.form(tampered, null, "type=ARRIVED", client.csrf(path, null)).statusCode()).isEqualTo(403);
        // A form without the page's CSRF token (another site's page, a script) is refused, even with a valid link.
        var forged = client.formWithoutToken(path, null, "type=ARRIVED");
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("security token is missing");
        assertThat(client.json("/api/v1/jobs/" + id, "dispatcher").get("status").asText()).isEqualTo("EN_ROUTE");
        assertThat(client.get("/api/v1/jobs/" + id + "?token=" + link.getRawQuery().substring(6), null).statusCode())
                .isEqualTo(401);

        Path chromedriver = Path.of(System.getProperty("chromedriver", "/usr/bin/chromedriver"));
        Path chromium = Path.of(System.getProperty("chromium", "/usr/bin/chromium"));
        Assumptions.assumeTrue(Files.isExecutable(chromedriver) && Files.isExecutable(chromium),
                "no Chromium here: install Debian's chromium and chromium-driver (.ci/run does) to run the browser part");
        try (HeadlessChromium browser = HeadlessChromium.start(chromedriver, chromium, 390, 844)) {
            browser.open("http://localhost:" + port + path);
            assertThat(browser.text("#issue")).contains("Water heater leaking");
            assertThat(browser.text("#customer")).contains("Foxglove Physical Therapy", "staff entrance");
            assertThat(browser.text("#parts")).contains("FLT-16X25");
            assertThat(browser.text("#sla")).contains("SLA deadline");
            assertThat(browser.text("#rules")).contains("Report EN_ROUTE");
            assertThat(browser.text("#contacts")).contains("Fallback technician", "Dispatch");
            assertThat(browser.text("#navigate")).isEqualTo("Navigate");
            assertThat(browser.viewportWidth()).isEqualTo(390);
            browser.screenshot(Path.of("target", "screenshots", "dispatch-pack-390x844.png"));
            browser.click("#arrived");
            await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                    .until(() -> browser.text("#report .meta"), text -> text.contains("ON_SITE"));
            browser.open("http://localhost:" + port + tampered);
            assertThat(browser.text("#refusal")).contains("not valid");
            browser.screenshot(Path.of("target", "screenshots", "dispatch-pack-refused.png"));
        }
        assertThat(Path.of("target", "screenshots", "dispatch-pack-390x844.png")).isNotEmptyFile();
    }

    @Test
    void twoCriticalJobsForOneTechnicianAreResolvedByTheRuleAndTheBumpWaitsForAManager() {
        GatewayClient client = client();
        // An island territory with one gas-qualified technician and two customers with different penalties.
        String gas = submit(client, "ISL-0", "C-0059", "Gas leak by the boiler");
        JsonNode nearest = status(client, gas, "PENDING_APPROVAL").at("/recommendation/options/0");
        String qualified = nearest.get("technicianId").asText();
        // Both customers' critical jobs are due 45 min after the technician can be there: one 90-minute gas job
        // fits, two do not, whichever goes first.
        long drive = Duration.between(clock.instant(), Instant.parse(nearest.get("eta").asText())).toMinutes();
        String due = Duration.ofMinutes(drive + 45).toString();
        ObjectNode technician = (ObjectNode) client.json("/api/v1/technicians/" + qualified, "integration");
        technician.put("id", "T-ISL-1").put("name", "Ida Island").put("territory", "island");
        assertThat(client.send("PUT", "/api/v1/technicians/T-ISL-1", "integration", technician.toString())
                .statusCode()).isEqualTo(200);
        for (String[] customer : new String[][] {{"C-ISL-A", "1000"}, {"C-ISL-B", "9000"}}) {
            ObjectNode body = (ObjectNode) client.json("/api/v1/customers/C-0059", "integration");
            body.put("id", customer[0]).put("territory", "island");
            ((ObjectNode) body.at("/entitlement/penalty")).put("perBreach", Integer.parseInt(customer[1]));
            ((ObjectNode) body.at("/entitlement/slaTargets")).put("CRITICAL", due);
            assertThat(client.send("PUT", "/api/v1/customers/" + customer[0], "integration", body.toString())
                    .statusCode()).isEqualTo(200);
        }
        String first = submit(client, "ISL-1", "C-ISL-A", "Gas leak by the boiler");
        JsonNode firstPending = status(client, first, "PENDING_APPROVAL");
        assertThat(firstPending.at("/recommendation/options/0/technicianId").asText()).isEqualTo("T-ISL-1");
        decide(client, firstPending.at("/approval/id").asText(), "dispatcher", "APPROVE");
        status(client, first, "ASSIGNED");

        String second = submit(client, "ISL-2", "C-ISL-B", "Gas leak in the basement");
        JsonNode bump = status(client, second, "PENDING_APPROVAL");
        assertThat(bump.at("/approval/recommendedTechnicianId").asText()).isEqualTo("T-ISL-1");
        assertThat(bump.at("/approval/bumpsJobId").asText()).isEqualTo(first);
        assertThat(bump.at("/approval/reasons").toString()).contains("priority conflict", "penalty 9000",
                "only a manager may decide", "keeps T-ISL-1 from reaching this job in time");
        // Before and after, for both jobs: behind the committed job this one is late; with the bump it is on time,
        // and the committed job, ranked again, would come after it.
        List<String> reasons = new ArrayList<>();
        bump.at("/approval/reasons").forEach(r -> reasons.add(r.asText()));
        assertThat(reasons).anySatisfy(r -> assertThat(r).startsWith("this job now: T-ISL-1 arrives")
                .contains("min after the deadline", "breach"));
        assertThat(reasons).anySatisfy(r -> assertThat(r).startsWith("this job with the bump: T-ISL-1 arrives")
                .contains("min before the deadline"));
        assertThat(reasons).anySatisfy(r -> assertThat(r).startsWith("job " + first + " now: T-ISL-1 arrives")
                .contains("before the deadline"));
        assertThat(reasons).anySatisfy(r -> assertThat(r).startsWith("job " + first + " ranked again:"));
        assertThat(escalations.count(second, "priority-conflict")).isEqualTo(1);
        assertThat(client.json("/api/v1/jobs/" + first + "/live", "dispatcher").at("/exceptions/0/family").asText())
                .isEqualTo("PRIORITY_CONFLICT");

        // A dispatcher cannot bump a committed job; the committed job keeps its technician meanwhile.
        var refused = client.post("/api/v1/approvals/" + bump.at("/approval/id").asText() + "/decision",
                "dispatcher", "{\"decision\": \"APPROVE\"}");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("only a manager may decide");
        assertThat(client.json("/api/v1/jobs/" + first, "dispatcher").get("status").asText()).isEqualTo("ASSIGNED");

        decide(client, bump.at("/approval/id").asText(), "manager", "APPROVE");
        assertThat(status(client, second, "ASSIGNED").at("/assignment/technicianId").asText()).isEqualTo("T-ISL-1");
        JsonNode bumped = status(client, first, "PENDING_APPROVAL");
        assertThat(bumped.at("/assignment").isNull() || bumped.at("/assignment").isMissingNode()).isTrue();
        assertThat(bumped.at("/approval/reasons").toString()).contains("stays on job " + second);
        assertThat(actions(bumped)).contains("bump-approved", "bumped", "priority-conflict");

        // The bumped job is called off: its pending approval leaves the inbox and the customer gets a draft.
        JsonNode cancelled = event(client, first, "{\"type\": \"CANCELLED\", \"reason\": \"customer fixed it\"}");
        assertThat(cancelled.at("/live/status").asText()).isEqualTo("CANCELLED");
        assertThat(cancelled.get("customerUpdates").toString()).contains("CANCELLED");
        assertThat(client.json("/api/v1/jobs/" + first, "dispatcher").at("/approval/status").asText())
                .isEqualTo("REJECTED");
    }

    @Test
    void aMissingPartIsPickedUpHandedOverOrPaused() {
        GatewayClient client = client();
        // Pickup: a depot near the site has the part.
        assertThat(client.send("PUT", "/api/v1/depots/D-NEAR", "integration", """
                {"id": "D-NEAR", "name": "Glenarm Stores", "location": {"lat": 39.7460, "lon": -104.9880},
                 "stock": {"IGN-TEST-1": 4}}""").statusCode()).isEqualTo(200);
        String pickup = submit(client, "PART-1", "C-0128", "Furnace not heating");
        status(client, pickup, "ASSIGNED");
        JsonNode afterPickup = event(client, pickup, "{\"type\": \"PART_MISSING\", \"parts\": [\"IGN-TEST-1\"]}");
        assertThat(afterPickup.at("/exceptions/0/outcome").asText()).isEqualTo("PICKUP");
        assertThat(afterPickup.at("/exceptions/0/depotId").asText()).isEqualTo("D-NEAR");
        assertThat(afterPickup.at("/customerUpdates/0/reason").asText()).isEqualTo("PART_PICKUP");
        JsonNode pack = client.json("/api/v1/jobs/" + pickup, "dispatcher").get("pack");
        assertThat(pack.get("partsMissingFromTruck").toString()).contains("IGN-TEST-1");
        assertThat(pack.at("/escalationRules/0").asText()).contains("Pick up IGN-TEST-1 at Glenarm Stores");
        URI updated = URI.create(pack.get("url").asText());
        String pickupPage = client.get(updated.getRawPath() + "?" + updated.getRawQuery(), null).body();
        // What the technician reads, whatever the markup around it.
        assertThat(pickupPage.replaceAll("<[^>]+>", "").replaceAll("\\s+", " "))
                .contains("IGN-TEST-1 (pick up at Glenarm Stores, D-NEAR", "You are expected on site at");
        JsonNode pickupJson = client.json("/api/v1/packs/" + pickup + "?" + updated.getRawQuery(), null);
        assertThat(pickupJson.at("/pickups/0/depotId").asText()).isEqualTo("D-NEAR");
        assertThat(pickupJson.get("expectedOnSite").asText())
                .isEqualTo(afterPickup.at("/exceptions/0/newEta").asText());

        // Handover: only another eligible technician's truck has the part.
        String handover = submit(client, "PART-2", "C-0128", "Furnace not heating in the office");
        JsonNode assigned = status(client, handover, "ASSIGNED");
        String current = assigned.at("/assignment/technicianId").asText();
        String other = null;
        for (JsonNode option : assigned.at("/recommendation/options")) {
            if (!option.get("technicianId").asText().equals(current)) {
                other = option.get("technicianId").asText();
                break;
            }
        }
        ObjectNode holder = (ObjectNode) client.json("/api/v1/technicians/" + other, "integration");
        ((ObjectNode) holder.get("truckStock")).put("TRUCK-ONLY-7", 1);
        client.send("PUT", "/api/v1/technicians/" + other, "integration", holder.toString());
        JsonNode afterHandover = event(client, handover, "{\"type\": \"PART_MISSING\", \"parts\": [\"TRUCK-ONLY-7\"]}");
        assertThat(afterHandover.at("/exceptions/0/outcome").asText()).isEqualTo("REASSIGN");
        JsonNode reassigned = client.json("/api/v1/jobs/" + handover, "dispatcher");
        assertThat(reassigned.at("/assignment/technicianId").asText()).isEqualTo(other);
        assertThat(reassigned.at("/assignment/assignedBy").asText()).isEqualTo("rule:missing-part");

        // Pause: nobody has the part.
        String paused = submit(client, "PART-3", "C-0128", "Furnace making noise");
        status(client, paused, "ASSIGNED");
        JsonNode afterPause = event(client, paused, "{\"type\": \"PART_MISSING\", \"parts\": [\"NOWHERE-9\"],"
                + " \"reason\": \"blower wheel cracked\"}");
        assertThat(afterPause.at("/live/status").asText()).isEqualTo("PAUSED");
        assertThat(afterPause.at("/exceptions/0/outcome").asText()).isEqualTo("PAUSE");
        assertThat(afterPause.at("/exceptions/0/reason").asText()).contains("no depot has them",
                "no other truck has them", "new commitment");
        assertThat(Instant.parse(afterPause.at("/live/eta").asText()))
                .isAfter(clock.instant().plus(Duration.ofHours(23)));
        assertThat(afterPause.at("/customerUpdates/0/reason").asText()).isEqualTo("PAUSED");
        assertThat(escalations.count(paused, "job-paused")).isEqualTo(1);
    }

    @Test
    void aDelayBeyondTheSlaIsEscalatedOnceWithAReassignmentProposal() {
        GatewayClient client = client();
        String id = submit(client, "DELAY-1", "C-0128", "Furnace not heating at reception");
        JsonNode assigned = status(client, id, "ASSIGNED");
        String technician = assigned.at("/assignment/technicianId").asText();
        Instant deadline = Instant.parse(assigned.at("/classification/slaDeadline").asText());

        var missingEta = client.post("/api/v1/jobs/" + id + "/events", "integration", "{\"type\": \"DELAYED\"}");
        assertThat(missingEta.statusCode()).isEqualTo(400);
        assertThat(parse(missingEta.body()).at("/errors/0/field").asText()).isEqualTo("newEta");
        assertThat(parse(missingEta.body()).has("quarantineId")).isTrue();
        var tooEarly = client.post("/api/v1/jobs/" + id + "/events", "integration", "{\"type\": \"COMPLETED\","
                + " \"firstTimeFix\": true}");
        assertThat(tooEarly.statusCode()).isEqualTo(409);
        assertThat(tooEarly.body()).contains("ON_SITE");

        event(client, id, "{\"type\": \"EN_ROUTE\"}");
        JsonNode delayed = event(client, id, "{\"type\": \"DELAYED\", \"newEta\": \"" + deadline.plusSeconds(3600)
                + "\", \"reason\": \"road closed\"}");
        assertThat(delayed.get("slaStages").toString()).contains("BREACH_RISK");
        JsonNode exception = delayed.at("/exceptions/0");
        assertThat(exception.get("family").asText()).isEqualTo("SLA_RISK");
        assertThat(exception.get("outcome").asText()).isEqualTo("ESCALATE");
        assertThat(exception.get("technicianId").asText()).isNotEqualTo(technician).isNotBlank();
        assertThat(exception.get("reason").asText()).contains("proposing a reassignment");
        assertThat(delayed.at("/customerUpdates/0/reason").asText()).isEqualTo("DELAYED");
        assertThat(delayed.at("/customerUpdates/0/text").asText()).contains("running late");
        event(client, id, "{\"type\": \"DELAYED\", \"newEta\": \"" + deadline.plusSeconds(7200) + "\"}");
        monitor.evaluate(id);
        assertThat(escalations.count(id, "sla-breach-risk")).isEqualTo(1);
        assertThat(client.json("/api/v1/exceptions", "dispatcher").toString()).contains(id, "SLA_RISK");
        assertThat(client.get("/api/v1/exceptions?limit=0", "dispatcher").statusCode()).isEqualTo(400);
        assertThat(actions(client.json("/api/v1/jobs/" + id, "dispatcher"))).contains("field-en-route",
                "field-delayed", "sla-breach-risk");
    }

    @Test
    void aMissedArrivalIsReassignedToATechnicianWhoRecoversTheSla() {
        GatewayClient client = client();
        String id = submit(client, "MISS-1", "C-0128", "Furnace not heating upstairs");
        JsonNode assigned = status(client, id, "ASSIGNED");
        String first = assigned.at("/assignment/technicianId").asText();
        Instant eta = Instant.parse(client.json("/api/v1/jobs/" + id + "/live", "dispatcher").at("/live/eta").asText());
        advanceTo(eta.plus(Duration.ofMinutes(11)));

        assertThat(monitor.evaluate(id)).isPositive();
        JsonNode after = client.json("/api/v1/jobs/" + id, "dispatcher");
        assertThat(after.at("/assignment/technicianId").asText()).isNotEqualTo(first);
        assertThat(after.at("/assignment/assignedBy").asText()).isEqualTo("rule:missed-arrival");
        assertThat(actions(after)).contains("missed-arrival", "reassigned");
        JsonNode live = client.json("/api/v1/jobs/" + id + "/live", "dispatcher");
        assertThat(live.get("slaStages").toString()).contains("MISSED_ARRIVAL");
        JsonNode exception = live.at("/exceptions/0");
        assertThat(exception.get("family").asText()).isEqualTo("MISSED_ARRIVAL");
        assertThat(exception.get("outcome").asText()).isEqualTo("REASSIGN");
        assertThat(exception.get("status").asText()).isEqualTo("CLOSED");
        assertThat(live.at("/customerUpdates/0/reason").asText()).isEqualTo("REASSIGNED");
        assertThat(monitor.evaluate(id)).isZero();
        JsonNode fact = facts(client, id);
        assertThat(fact.get("reassignmentMinutes").isNumber()).isTrue();
        assertThat(fact.get("exceptionsOpened").asInt()).isEqualTo(1);
    }

    @Test
    void eachSlaStageFiresOnceAndTheBreachIsAFact() {
        GatewayClient client = client();
        String id = submit(client, "STAGE-1", "C-0128", "Furnace not heating in the lobby");
        JsonNode assigned = status(client, id, "ASSIGNED");
        Instant deadline = Instant.parse(assigned.at("/classification/slaDeadline").asText());
        event(client, id, "{\"type\": \"DELAYED\", \"newEta\": \"" + deadline.minusSeconds(300) + "\"}");

        advanceTo(deadline.minus(Duration.ofMinutes(50)));
        monitor.evaluate(id);
        assertThat(stages(client, id)).containsExactly("SUPERVISOR_ESCALATION");
        advanceTo(deadline.minus(Duration.ofMinutes(25)));
        monitor.evaluate(id);
        monitor.evaluate(id);
        assertThat(stages(client, id)).containsExactly("SUPERVISOR_ESCALATION", "TECHNICIAN_REMINDER");
        advanceTo(deadline.plus(Duration.ofMinutes(1)));
        monitor.check();
        monitor.check();
        assertThat(stages(client, id)).containsExactly("SUPERVISOR_ESCALATION", "TECHNICIAN_REMINDER", "BREACHED");
        for (String kind : List.of("supervisor-escalation", "technician-reminder", "sla-breached")) {
            assertThat(escalations.count(id, kind)).as(kind).isEqualTo(1);
        }
        assertThat(escalations.count(id, "sla-breach-risk")).isZero();
        assertThat(actions(client.json("/api/v1/jobs/" + id, "dispatcher"))).contains("supervisor-escalation",
                "technician-reminder", "sla-breached");

        JsonNode live = client.json("/api/v1/jobs/" + id + "/live", "dispatcher");
        JsonNode apology = live.at("/customerUpdates/1");
        assertThat(apology.get("reason").asText()).isEqualTo("SLA_BREACHED");
        ((RunningClock) clock).advance(Duration.ofMinutes(6));
        var sent = client.post("/api/v1/jobs/" + id + "/customer-updates/" + apology.get("id").asLong() + "/sent",
                "dispatcher", null);
        assertThat(sent.statusCode()).isEqualTo(200);
        event(client, id, "{\"type\": \"ARRIVED\"}");
        event(client, id, "{\"type\": \"COMPLETED\", \"firstTimeFix\": true}");

        JsonNode fact = facts(client, id);
        assertThat(fact.get("slaMet").asBoolean()).isFalse();
        assertThat(fact.get("firstTimeFix").asBoolean()).isTrue();
        assertThat(fact.get("customerUpdates").asInt()).isEqualTo(2);
        assertThat(fact.get("customerUpdateDelayMinutes").asDouble()).isBetween(6.0, 7.0);
        assertThat(fact.get("status").asText()).isEqualTo("COMPLETED");
    }

    private void advanceTo(Instant target) {
        Duration gap = Duration.between(clock.instant(), target);
        if (!gap.isNegative()) {
            ((RunningClock) clock).advance(gap);
        }
    }

    private static JsonNode facts(GatewayClient client, String id) {
        for (JsonNode fact : client.json("/api/v1/kpis/facts?from=2026-11-01&to=2026-12-31", "kpi")) {
            if (fact.get("jobId").asText().equals(id)) {
                return fact;
            }
        }
        throw new AssertionError("no fact for " + id);
    }

    private static List<String> stages(GatewayClient client, String id) {
        List<String> stages = new ArrayList<>();
        client.json("/api/v1/jobs/" + id + "/live", "dispatcher").get("slaStages")
                .forEach(s -> stages.add(s.get("stage").asText()));
        return stages;
    }

    private static List<String> actions(JsonNode job) {
        List<String> actions = new ArrayList<>();
        job.get("audit").forEach(a -> actions.add(a.get("action").asText()));
        return actions;
    }

    @Test
    void aPackLinkDiesWithItsJob() {
        GatewayClient client = client();
        String id = submit(client, "PACK-END-1", "C-0128", "Furnace not heating in the lobby");
        URI link = URI.create(status(client, id, "ASSIGNED").at("/pack/url").asText());
        String path = link.getRawPath() + "?" + link.getRawQuery();
        // The technician opened the page while the job was theirs; its form is still on the phone.
        GatewayClient.FormToken openedBefore = client.csrf(path, null);
        assertThat(openedBefore.value()).isNotNull();

        event(client, id, "{\"type\": \"ARRIVED\"}");
        event(client, id, "{\"type\": \"COMPLETED\", \"firstTimeFix\": true}");

        var gone = client.get(path, null);
        assertThat(gone.statusCode()).isEqualTo(410);
        assertThat(client.form(path, null, "type=EN_ROUTE", openedBefore).statusCode()).isEqualTo(410);
    }

    private static JsonNode event(GatewayClient client, String id, String body) {
        var response = client.post("/api/v1/jobs/" + id + "/events", "integration", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return parse(response.body());
    }

    private static void decide(GatewayClient client, String approvalId, String user, String decision) {
        var response = client.post("/api/v1/approvals/" + approvalId + "/decision", user,
                "{\"decision\": \"" + decision + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static String submit(GatewayClient client, String externalId, String customer, String summary) {
        return parse(client.post("/api/v1/jobs", "integration", job(externalId, customer, summary)).body()).get("id")
                .asText();
    }

    private static JsonNode status(GatewayClient client, String id, String status) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> client.json("/api/v1/jobs/" + id, "dispatcher"),
                job -> status.equals(job.get("status").asText()));
    }
}
