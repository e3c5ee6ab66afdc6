package io.dispatchgateway.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.dispatchgateway.gateway.persistence.JobStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
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
 * The gateway with the ServiceTitan adapter pointed at a WireMock ServiceTitan: a job created there is ingested,
 * decided, and its assignment and note arrive back in the documented request shapes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
@Import(MondayMorningClock.class)
class ServiceTitanFlowIT {

    private static final String TENANT = "1234567";
    private static final WireMockServer SERVICETITAN = new WireMockServer(options().dynamicPort());

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        SERVICETITAN.start();
        stubServiceTitan();
        registry.add("gateway.data-dir", () -> dataDir.toString());
        registry.add("gateway.roster-location", () -> "classpath:servicetitan/roster.json");
        registry.add("gateway.approval.close-call-margin", () -> "0");
        registry.add("gateway.adapters.servicetitan.enabled", () -> "true");
        registry.add("gateway.adapters.servicetitan.base-url", SERVICETITAN::baseUrl);
        registry.add("gateway.adapters.servicetitan.auth-url", SERVICETITAN::baseUrl);
        registry.add("gateway.adapters.servicetitan.tenant-id", () -> TENANT);
        registry.add("gateway.adapters.servicetitan.client-id", () -> "client-1");
        registry.add("gateway.adapters.servicetitan.client-secret", () -> "secret-1");
        registry.add("gateway.adapters.servicetitan.app-key", () -> "app-key-1");
        registry.add("gateway.adapters.servicetitan.poll-interval", () -> "1s");
        registry.add("gateway.adapters.servicetitan.max-attempts", () -> "2");
        registry.add("gateway.adapters.servicetitan.initial-backoff", () -> "50ms");
        registry.add("gateway.write-back.interval", () -> "300ms");
        registry.add("gateway.write-back.initial-backoff", () -> "200ms");
    }

    @AfterAll
    static void stopServiceTitan() {
        SERVICETITAN.stop();
    }

    @Autowired
    JobStore jobs;

    @LocalServerPort
    int port;

    @Test
    void jobCreatedInServiceTitanIsDecidedAndWrittenBack() {
        String id = await().atMost(Duration.ofSeconds(30)).until(() -> jobs.findId("servicetitan", "9001"),
                Optional::isPresent).orElseThrow();
        GatewayClient client = new GatewayClient(port);

        JsonNode job = await().atMost(Duration.ofSeconds(30)).until(() -> client.json("/api/v1/jobs/" + id,
                "dispatcher"), found -> "ASSIGNED".equals(found.get("status").asText()));

        assertThat(job.get("customerId").asText()).isEqualTo("77");
        assertThat(job.at("/arrivalWindow/end").asText()).isEqualTo("2026-11-23T20:00:00Z");
        assertThat(job.at("/plan/visit/arrival").asText()).isLessThanOrEqualTo("2026-11-23T20:00:00Z");
        assertThat(job.at("/classification/category").asText()).isEqualTo("PLUMBING");
        String technician = job.at("/assignment/technicianId").asText();
        assertThat(technician).isIn("101", "102");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            SERVICETITAN.verify(postRequestedFor(urlPathEqualTo(api("dispatch",
                    "/appointment-assignments/assign-technicians")))
                    .withRequestBody(equalToJson("{\"jobAppointmentId\": 9101, \"technicianIds\": [" + technician
                            + "]}")));
            SERVICETITAN.verify(postRequestedFor(urlPathEqualTo(api("jpm", "/jobs/9001/notes")))
                    .withRequestBody(matchingJsonPath("$.text", WireMock.containing("/api/v1/jobs/" + id)))
                    .withRequestBody(matchingJsonPath("$.text", WireMock.notContaining("token="))));
        });
        assertThat(client.get("/actuator/health", "admin").body()).contains("serviceTitan");

        String other = technician.equals("101") ? "102" : "101";
        // ServiceTitan now has the first technician on the appointment: the reassignment takes them off it.
        SERVICETITAN.stubFor(get(urlPathEqualTo(api("dispatch", "/appointment-assignments")))
                .withQueryParam("appointmentIds", WireMock.equalTo("9101")).willReturn(okJson("""
                {"page": 1, "pageSize": 50, "hasMore": false, "data": [
                 {"id": 1, "technicianId": %s, "appointmentId": 9101, "jobId": 9001, "active": true}]}"""
                        .formatted(technician))));
        var reassigned = client.post("/api/v1/jobs/" + id + "/reassign", "dispatcher",
                "{\"technicianId\": \"" + other + "\", \"reason\": \"first technician is sick\"}");
        assertThat(reassigned.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            SERVICETITAN.verify(postRequestedFor(urlPathEqualTo(api("dispatch",
                    "/appointment-assignments/unassign-technicians")))
                    .withRequestBody(equalToJson("{\"jobAppointmentId\": 9101, \"technicianIds\": [" + technician
                            + "]}")));
            SERVICETITAN.verify(postRequestedFor(urlPathEqualTo(api("dispatch",
                    "/appointment-assignments/assign-technicians")))
                    .withRequestBody(equalToJson("{\"jobAppointmentId\": 9101, \"technicianIds\": [" + other
                            + "]}")));
        });
        JsonNode after = client.json("/api/v1/jobs/" + id, "dispatcher");
        assertThat(after.at("/assignment/mode").asText()).isEqualTo("REASSIGNED");
        assertThat(after.at("/assignment/replacedTechnicianId").asText()).isEqualTo(technician);
        assertThat(after.get("audit").toString()).contains("first technician is sick", "user:dispatcher");
        assertThat(client.post("/api/v1/jobs/" + id + "/reassign", "dispatcher",
                "{\"technicianId\": \"" + other + "\"}").statusCode()).isEqualTo(400);

        // The technician sets off in ServiceTitan: the job's next poll carries Dispatched, a field event here.
        SERVICETITAN.stubFor(get(urlPathEqualTo(api("jpm", "/jobs"))).willReturn(okJson("""
                {"page": 1, "pageSize": 200, "hasMore": false, "data": [
                 {"id": 9001, "jobNumber": "9001", "customerId": 77, "locationId": 501, "jobStatus": "Dispatched",
                  "priority": "Normal", "summary": "Kitchen drain clogged", "firstAppointmentId": 9101,
                  "createdOn": "2026-11-23T15:00:00Z", "modifiedOn": "2026-11-23T16:00:00Z"},
                 {"id": 9002, "jobNumber": "9002", "customerId": 77, "locationId": 501, "jobStatus": "Scheduled",
                  "priority": "Normal", "summary": "Toilet keeps running", "firstAppointmentId": 9102,
                  "createdOn": "2026-11-23T15:01:00Z", "modifiedOn": "2026-11-23T15:01:00Z"}]}""")));
        JsonNode enRoute = await().atMost(Duration.ofSeconds(30)).until(() -> client.json("/api/v1/jobs/" + id,
                "dispatcher"), found -> "EN_ROUTE".equals(found.get("status").asText()));
        assertThat(enRoute.get("audit").toString()).contains("field-en-route", "source:servicetitan");
    }

    @Test
    void writeBackThatFailsStaysQueuedAndArrivesWhenServiceTitanRecovers() {
        String id = await().atMost(Duration.ofSeconds(30)).until(() -> jobs.findId("servicetitan", "9002"),
                Optional::isPresent).orElseThrow();
        GatewayClient client = new GatewayClient(port);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> SERVICETITAN.verify(
                postRequestedFor(urlPathEqualTo(api("jpm", "/jobs/9002/notes")))));

        JsonNode done = client.json("/api/v1/write-backs?status=DONE&size=500", "dispatcher");
        JsonNode entry = null;
        for (JsonNode item : done.get("items")) {
            if (item.get("jobId").asText().equals(id)) {
                entry = item;
            }
        }
        assertThat(entry).isNotNull();
        assertThat(entry.get("attempts").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(client.json("/api/v1/jobs/" + id, "dispatcher").get("audit").toString())
                .contains("write-back-delayed", "written-back");
        SERVICETITAN.verify(postRequestedFor(urlPathEqualTo(api("dispatch",
                "/appointment-assignments/assign-technicians"))).withRequestBody(
                        matchingJsonPath("$.jobAppointmentId", WireMock.equalTo("9102"))));
    }

    private static String api(String module, String path) {
        return "/" + module + "/v2/tenant/" + TENANT + path;
    }

    private static void stubServiceTitan() {
        SERVICETITAN.stubFor(post(urlPathEqualTo("/connect/token"))
                .willReturn(okJson("{\"access_token\":\"t\",\"token_type\":\"Bearer\",\"expires_in\":900}")));
        SERVICETITAN.stubFor(get(urlPathEqualTo(api("crm", "/customers"))).willReturn(okJson("""
                {"page": 1, "pageSize": 200, "hasMore": false, "data": [
                 {"id": 77, "active": true, "name": "Glenarm Dental", "type": "Commercial",
                  "address": {"street": "1600 Glenarm Pl", "city": "Denver", "state": "CO", "zip": "80202",
                              "latitude": 39.7447, "longitude": -104.9903},
                  "modifiedOn": "2026-11-23T08:00:00Z"}]}""")));
        SERVICETITAN.stubFor(get(urlPathEqualTo(api("jpm", "/job-types"))).willReturn(okJson("""
                {"page": 1, "pageSize": 200, "hasMore": false, "data": []}""")));
        for (String list : new String[] {"/business-units", "/tag-types"}) {
            SERVICETITAN.stubFor(get(urlPathEqualTo(api("settings", list))).willReturn(okJson("""
                    {"page": 1, "pageSize": 200, "hasMore": false, "data": []}""")));
        }
        SERVICETITAN.stubFor(get(urlPathEqualTo(api("dispatch", "/export/appointment-assignments"))).willReturn(okJson("""
                {"hasMore": false, "continueFrom": "t0", "data": []}""")));
        SERVICETITAN.stubFor(get(urlPathEqualTo(api("dispatch", "/zones"))).willReturn(okJson("""
                {"page": 1, "pageSize": 200, "hasMore": false, "data": []}""")));
        SERVICETITAN.stubFor(get(urlPathEqualTo(api("dispatch", "/technician-shifts"))).willReturn(okJson("""
                {"page": 1, "pageSize": 200, "hasMore": false, "data": []}""")));
        SERVICETITAN.stubFor(get(urlPathEqualTo(api("settings", "/technicians"))).willReturn(okJson("""
                {"page": 1, "pageSize": 200, "hasMore": false, "data": []}""")));
        SERVICETITAN.stubFor(get(urlPathEqualTo(api("jpm", "/jobs"))).willReturn(okJson("""
                {"page": 1, "pageSize": 200, "hasMore": false, "data": [
                 {"id": 9001, "jobNumber": "9001", "customerId": 77, "locationId": 501, "jobStatus": "Scheduled",
                  "priority": "Normal", "summary": "Kitchen drain clogged", "firstAppointmentId": 9101,
                  "createdOn": "2026-11-23T15:00:00Z", "modifiedOn": "2026-11-23T15:00:00Z"},
                 {"id": 9002, "jobNumber": "9002", "customerId": 77, "locationId": 501, "jobStatus": "Scheduled",
                  "priority": "Normal", "summary": "Toilet keeps running", "firstAppointmentId": 9102,
                  "createdOn": "2026-11-23T15:01:00Z", "modifiedOn": "2026-11-23T15:01:00Z"}]}""")));
        SERVICETITAN.stubFor(get(urlPathEqualTo(api("crm", "/locations"))).willReturn(okJson("""
                {"page": 1, "pageSize": 200, "hasMore": false, "data": [
                 {"id": 501, "customerId": 77, "active": true, "name": "Main",
                  "address": {"street": "1600 Glenarm Pl", "city": "Denver", "state": "CO", "zip": "80202",
                              "latitude": 39.7447, "longitude": -104.9903}}]}""")));
        for (String job : new String[] {"9001", "9002"}) {
            SERVICETITAN.stubFor(get(urlPathEqualTo(api("jpm", "/jobs/" + job + "/notes"))).willReturn(okJson("""
                    {"page": 1, "pageSize": 50, "hasMore": false, "data": []}""")));
        }
        // No appointment has a technician yet: both jobs are the gateway's to dispatch.
        SERVICETITAN.stubFor(get(urlPathEqualTo(api("dispatch", "/appointment-assignments"))).willReturn(okJson("""
                {"page": 1, "pageSize": 50, "hasMore": false, "data": []}""")));
        // The source reads each job's first appointment; 9001's promises the customer 09:00-13:00 in Denver.
        SERVICETITAN.stubFor(get(urlPathEqualTo(api("jpm", "/appointments"))).withQueryParam("ids",
                WireMock.matching(".+")).willReturn(okJson("""
                {"page": 1, "pageSize": 50, "hasMore": false, "data": [
                 {"id": 9101, "jobId": 9001, "status": "Scheduled", "active": true, "start": "2026-11-23T16:00:00Z",
                  "end": "2026-11-23T22:00:00Z", "arrivalWindowStart": "2026-11-23T16:00:00Z",
                  "arrivalWindowEnd": "2026-11-23T20:00:00Z"},
                 {"id": 9102, "jobId": 9002, "status": "Scheduled", "active": true, "start": "2026-11-23T16:00:00Z",
                  "end": "2026-11-24T00:00:00Z", "arrivalWindowStart": null, "arrivalWindowEnd": null}]}""")));
        SERVICETITAN.stubFor(get(urlPathEqualTo(api("jpm", "/appointments"))).withQueryParam("jobId",
                WireMock.equalTo("9001")).willReturn(okJson("""
                {"page": 1, "pageSize": 200, "hasMore": false, "data": [
                 {"id": 9101, "jobId": 9001, "status": "Scheduled", "active": true}]}""")));
        // Job 9002's write-back meets an outage: four 503s (two delivery attempts of two requests), then recovery.
        String[] states = {com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED, "1", "2", "3", "up"};
        for (int i = 0; i < 4; i++) {
            SERVICETITAN.stubFor(get(urlPathEqualTo(api("jpm", "/appointments"))).withQueryParam("jobId",
                    WireMock.equalTo("9002")).inScenario("outage").whenScenarioStateIs(states[i])
                    .willReturn(WireMock.aResponse().withStatus(503)).willSetStateTo(states[i + 1]));
        }
        SERVICETITAN.stubFor(get(urlPathEqualTo(api("jpm", "/appointments"))).withQueryParam("jobId",
                WireMock.equalTo("9002")).inScenario("outage").whenScenarioStateIs("up").willReturn(okJson("""
                {"page": 1, "pageSize": 200, "hasMore": false, "data": [
                 {"id": 9102, "jobId": 9002, "status": "Scheduled", "active": true}]}""")));
        SERVICETITAN.stubFor(post(urlPathEqualTo(api("jpm", "/jobs/9002/notes"))).willReturn(okJson("{}")));
        SERVICETITAN.stubFor(post(urlPathEqualTo(api("dispatch", "/appointment-assignments/assign-technicians")))
                .willReturn(okJson("{\"id\": 9101}")));
        SERVICETITAN.stubFor(post(urlPathEqualTo(api("jpm", "/jobs/9001/notes"))).willReturn(okJson("{}")));
        SERVICETITAN.stubFor(post(urlPathEqualTo(api("dispatch", "/appointment-assignments/unassign-technicians")))
                .willReturn(okJson("{\"id\": 9101}")));
    }
}
