package io.dispatchgateway.adapters.servicetitan;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dispatchgateway.core.model.Assignment;
import io.dispatchgateway.core.model.AssignmentMode;
import io.dispatchgateway.core.model.DispatchPack;
import io.dispatchgateway.core.model.Job;
import io.dispatchgateway.core.model.Location;
import io.dispatchgateway.core.model.Priority;
import io.dispatchgateway.core.port.WriteBackRejectedException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ServiceTitanAssignmentSinkTest {

    private static final Instant NOW = Instant.parse("2026-11-23T16:00:00Z");

    private final ServiceTitanFake fake = new ServiceTitanFake();
    private final ServiceTitanProperties properties = fake.properties(3, 5);
    private final ServiceTitanAssignmentSink sink = new ServiceTitanAssignmentSink(
            fake.client(properties, Clock.systemUTC()), properties);

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void assignmentReachesTheAppointmentAndTheNoteLinksTheJobNotTheTechniciansSignedPack() {
        stubAppointment();
        fake.server.stubFor(post(urlPathEqualTo(fake.api("dispatch", "/appointment-assignments/assign-technicians")))
                .willReturn(okJson("{\"id\": 9101}")));
        fake.server.stubFor(post(urlPathEqualTo(fake.api("jpm", "/jobs/9001/notes"))).willReturn(okJson("{}")));

        sink.assigned(job("servicetitan", "9001"), assignment("101"), pack());

        fake.server.verify(postRequestedFor(urlPathEqualTo(fake.api("dispatch",
                "/appointment-assignments/assign-technicians")))
                .withRequestBody(equalToJson("{\"jobAppointmentId\": 9101, \"technicianIds\": [101]}")));
        fake.server.verify(postRequestedFor(urlPathEqualTo(fake.api("jpm", "/jobs/9001/notes")))
                .withRequestBody(matchingJsonPath("$.text", com.github.tomakehurst.wiremock.client.WireMock
                        .containing("https://gateway.example.com/api/v1/jobs/J-1")))
                .withRequestBody(matchingJsonPath("$.text", com.github.tomakehurst.wiremock.client.WireMock
                        .notContaining("token=")))
                .withRequestBody(matchingJsonPath("$.pinToTop", equalTo("false"))));
        fake.assertRequestsMatchTheSpecification();
    }

    @Test
    void withIncludePackLinkTheNoteCarriesTheSignedPackLink() {
        stubAppointment();
        fake.server.stubFor(post(urlPathEqualTo(fake.api("dispatch", "/appointment-assignments/assign-technicians")))
                .willReturn(okJson("{\"id\": 9101}")));
        fake.server.stubFor(post(urlPathEqualTo(fake.api("jpm", "/jobs/9001/notes"))).willReturn(okJson("{}")));
        ServiceTitanProperties p = properties;
        ServiceTitanProperties linking = new ServiceTitanProperties(p.enabled(), p.baseUrl(), p.authUrl(), p.tenantId(),
                p.clientId(), p.clientSecret(), p.appKey(), p.pollInterval(), p.pageSize(), p.requestTimeout(),
                p.maxAttempts(), p.initialBackoff(), p.breakerThreshold(), p.breakerOpenFor(), p.customerTier(),
                p.gatewayUrl(), p.skillLevel(), p.maxGpsAge(), p.requestsPerSecond(), true, p.gatewayTenant());

        new ServiceTitanAssignmentSink(fake.client(linking, Clock.systemUTC()), linking)
                .assigned(job("servicetitan", "9001"), assignment("101"), pack());

        fake.server.verify(postRequestedFor(urlPathEqualTo(fake.api("jpm", "/jobs/9001/notes")))
                .withRequestBody(matchingJsonPath("$.text", com.github.tomakehurst.wiremock.client.WireMock
                        .containing("http://gateway/packs/J-1?token=abc"))));
    }

    @Test
    void aWriteBackSentAgainChangesNothingThatAlreadyLanded() {
        // The first attempt assigned 101 and wrote its note, but its answer was lost: the retry only reads.
        stubAppointment();
        stubAssigned(101);
        stubNotes("Dispatch Gateway assigned technician 101 ... "
                + ServiceTitanAssignmentSink.key(job("servicetitan", "9001"), assignment("101")));

        sink.assigned(job("servicetitan", "9001"), assignment("101"), pack());

        assertThat(fake.server.getAllServeEvents().stream().map(e -> e.getRequest())
                .filter(r -> r.getMethod().getName().equals("POST") && !r.getUrl().startsWith("/connect")))
                .isEmpty();
        fake.assertRequestsMatchTheSpecification();
    }

    @Test
    void theNextOpenVisitOfAJobWithSeveralIsTheOneAssigned() {
        fake.server.stubFor(get(urlPathEqualTo(fake.api("jpm", "/appointments"))).willReturn(okJson("""
                {"page": 1, "pageSize": 3, "hasMore": false, "data": [
                 {"id": 9100, "jobId": 9001, "status": "Done", "active": true,
                  "start": "2026-11-20T18:00:00Z", "end": "2026-11-20T20:00:00Z"},
                 {"id": 9102, "jobId": 9001, "status": "Scheduled", "active": true,
                  "start": "2026-11-26T18:00:00Z", "end": "2026-11-26T20:00:00Z"},
                 {"id": 9101, "jobId": 9001, "status": "Scheduled", "active": true,
                  "start": "2026-11-24T18:00:00Z", "end": "2026-11-24T20:00:00Z"}]}""")));
        stubAssigned();
        stubNotes();
        fake.server.stubFor(post(urlPathEqualTo(fake.api("dispatch", "/appointment-assignments/assign-technicians")))
                .willReturn(okJson("{\"id\": 9101}")));
        fake.server.stubFor(post(urlPathEqualTo(fake.api("jpm", "/jobs/9001/notes"))).willReturn(okJson("{}")));

        sink.assigned(job("servicetitan", "9001"), assignment("101"), pack());

        fake.server.verify(postRequestedFor(urlPathEqualTo(fake.api("dispatch",
                "/appointment-assignments/assign-technicians")))
                .withRequestBody(equalToJson("{\"jobAppointmentId\": 9101, \"technicianIds\": [101]}")));
        fake.assertRequestsMatchTheSpecification();
    }

    @Test
    void reassignmentAssignsTheNewTechnicianThenUnassignsTheReplacedOne() {
        stubAppointment();
        stubAssigned(101);
        stubWrites();

        sink.assigned(job("servicetitan", "9001"), assignment("101").reassignedTo("102", null, "user:dispatcher", NOW),
                pack());

        // WireMock lists the newest request first.
        var posts = new java.util.ArrayList<>(fake.server.getAllServeEvents().stream().map(e -> e.getRequest())
                .filter(r -> r.getMethod().getName().equals("POST") && !r.getUrl().startsWith("/connect")).toList());
        java.util.Collections.reverse(posts);
        // Assign first, so a refused assign never leaves the visit with nobody.
        assertThat(posts).extracting(r -> r.getUrl().substring(r.getUrl().lastIndexOf('/') + 1))
                .containsExactly("assign-technicians", "unassign-technicians", "notes");
        assertThat(posts.get(0).getBodyAsString()).contains("\"technicianIds\":[102]");
        assertThat(posts.get(1).getBodyAsString()).contains("\"technicianIds\":[101]");
        assertThat(posts.get(2).getBodyAsString()).contains("in place of 101");
        fake.assertRequestsMatchTheSpecification();
    }

    @Test
    void anOfficeJobADispatcherGaveToSomeoneElseLosesTheOfficesTechnician() {
        // The office had put 101 on the visit; the gateway's dispatcher gave the job to 102 instead.
        stubAppointment();
        stubAssigned(101);
        stubWrites();
        Job staffed = job("servicetitan", "9001");
        Job office = new Job(staffed.id(), staffed.tenant(), staffed.source(), staffed.externalId(),
                staffed.customerId(), staffed.summary(), staffed.description(), staffed.location(),
                staffed.territory(), staffed.reportedPriority(), staffed.requiredParts(),
                staffed.safetyImpactReported(), staffed.receivedAt(), null, null, null, "101", null);

        sink.assigned(office, new Assignment("J-1", "102", null, AssignmentMode.OVERRIDDEN, "user:dispatcher", NOW,
                null),
                pack());

        assertOnlyTheNewTechnicianIsLeft();
    }

    @Test
    void aJobAssignedAgainAfterABumpLosesTheTechnicianTheGatewayHadPutThere() {
        // 101 was assigned by an earlier write-back (its note says so), then bumped off the job for an urgent one;
        // ranked again, the job goes to 102, with no replaced technician on the assignment.
        stubAppointment();
        stubAssigned(101);
        stubNotes("Dispatch Gateway assigned technician 101 ... [dispatch-gateway J-1 101 1795450000]");
        stubWrites();

        sink.assigned(job("servicetitan", "9001"), new Assignment("J-1", "102", null, AssignmentMode.AUTOMATIC,
                "rule:approval-policy", NOW, null), pack());

        assertOnlyTheNewTechnicianIsLeft();
    }

    @Test
    void aConflictOnAssignMeansItLandedWhenAReadShowsItAndTheNoteIsStillWritten() {
        stubAppointment();
        // The assign landed meanwhile (another attempt's): ServiceTitan answers 409, and 101 is on the visit now.
        fake.server.stubFor(post(urlPathEqualTo(fake.api("dispatch", "/appointment-assignments/assign-technicians")))
                .inScenario("conflict").willSetStateTo("landed")
                .willReturn(ServiceTitanFake.status(409).withHeader("Content-Type", "application/json")
                        .withBody("{\"title\":\"Technician is already assigned\",\"status\":409,"
                                + "\"traceId\":\"00-abc-01\"}")));
        fake.server.stubFor(get(urlPathEqualTo(fake.api("dispatch", "/appointment-assignments"))).atPriority(1)
                .inScenario("conflict").whenScenarioStateIs("landed").willReturn(okJson(assignedPage(101))));
        fake.server.stubFor(post(urlPathEqualTo(fake.api("jpm", "/jobs/9001/notes"))).willReturn(okJson("{}")));

        sink.assigned(job("servicetitan", "9001"), assignment("101"), pack());

        fake.server.verify(1, postRequestedFor(urlPathEqualTo(fake.api("jpm", "/jobs/9001/notes"))));
        fake.assertRequestsMatchTheSpecification();
    }

    @Test
    void aConflictWhoseEffectIsNotThereIsARefusal() {
        stubAppointment();
        fake.server.stubFor(post(urlPathEqualTo(fake.api("dispatch", "/appointment-assignments/assign-technicians")))
                .willReturn(ServiceTitanFake.status(409).withHeader("Content-Type", "application/json")
                        .withBody("{\"title\":\"Appointment is locked\",\"status\":409,\"traceId\":\"00-abc-02\"}")));

        assertThatThrownBy(() -> sink.assigned(job("servicetitan", "9001"), assignment("101"), pack()))
                .isInstanceOf(WriteBackRejectedException.class).hasMessageContaining("Appointment is locked");
        fake.server.verify(0, postRequestedFor(urlPathEqualTo(fake.api("jpm", "/jobs/9001/notes"))));
    }

    @Test
    void aVisitTheOfficeStaffedBeforeTheFirstWriteBackIsNotGivenASecondTechnician() {
        stubAppointment();
        stubAssigned(104); // the office put 104 there after the gateway had the job

        assertThatThrownBy(() -> sink.assigned(job("servicetitan", "9001"), assignment("101"), pack()))
                .isInstanceOf(WriteBackRejectedException.class).hasMessageContaining("the office put [104]");
        assertThat(fake.server.getAllServeEvents().stream().map(e -> e.getRequest())
                .filter(r -> r.getMethod().getName().equals("POST") && !r.getUrl().startsWith("/connect")))
                .isEmpty();
    }

    @Test
    void refusalBecomesARejectionWithServiceTitansMessageAndTraceId() {
        stubAppointment();
        fake.server.stubFor(post(urlPathEqualTo(fake.api("dispatch", "/appointment-assignments/assign-technicians")))
                .willReturn(ServiceTitanFake.status(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"title\":\"Technician is not active\",\"status\":400,\"traceId\":\"00-def-01\"}")));

        assertThatThrownBy(() -> sink.assigned(job("servicetitan", "9001"), assignment("101"), pack()))
                .isInstanceOf(WriteBackRejectedException.class)
                .hasMessageContaining("Technician is not active").hasMessageContaining("00-def-01");
        fake.server.verify(1, postRequestedFor(urlPathEqualTo(fake.api("dispatch",
                "/appointment-assignments/assign-technicians"))));
    }

    @Test
    void jobsFromOtherSourcesAreLeftAlone() {
        sink.assigned(job("api", "EXT-1"), assignment("T-002"), pack());

        assertThat(fake.server.getAllServeEvents()).isEmpty();
    }

    @Test
    void technicianWithoutAServiceTitanIdIsARejectionNotARetry() {
        assertThatThrownBy(() -> sink.assigned(job("servicetitan", "9001"), assignment("T-002"), pack()))
                .isInstanceOf(WriteBackRejectedException.class).hasMessageContaining("no ServiceTitan id");
    }

    @Test
    void contractCheckCatchesADriftedField() throws Exception {
        fake.server.stubFor(post(urlPathEqualTo(fake.api("dispatch", "/appointment-assignments/assign-technicians")))
                .willReturn(okJson("{}")));
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(fake.server.baseUrl()
                        + fake.api("dispatch", "/appointment-assignments/assign-technicians") + "?dryRun=true"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jobAppointmentId\": 1, \"technicianId\": [2]}"))
                .build(), HttpResponse.BodyHandlers.ofString());

        List<String> problems = new OpenApiContract().violations(fake.server.getAllServeEvents().get(0).getRequest());

        assertThat(problems).containsExactlyInAnyOrder("query parameter dryRun is not declared",
                "body.technicianId is not a declared property", "body.technicianIds is required");
    }

    private void stubAppointment() {
        fake.server.stubFor(get(urlPathEqualTo(fake.api("jpm", "/appointments"))).willReturn(okJson("""
                {"page": 1, "pageSize": 2, "hasMore": false, "data": [
                 {"id": 9101, "jobId": 9001, "status": "Scheduled", "active": true,
                  "start": "2026-11-23T18:00:00Z", "end": "2026-11-23T20:00:00Z"}]}""")));
        stubAssigned();
        stubNotes();
    }

    /** Assign, unassign and note all answered. */
    private void stubWrites() {
        fake.server.stubFor(post(urlPathEqualTo(fake.api("dispatch", "/appointment-assignments/unassign-technicians")))
                .willReturn(okJson("{\"id\": 9101}")));
        fake.server.stubFor(post(urlPathEqualTo(fake.api("dispatch", "/appointment-assignments/assign-technicians")))
                .willReturn(okJson("{\"id\": 9101}")));
        fake.server.stubFor(post(urlPathEqualTo(fake.api("jpm", "/jobs/9001/notes"))).willReturn(okJson("{}")));
    }

    /** 102 was assigned to visit 9101 and 101 taken off it, each request as the documents describe. */
    private void assertOnlyTheNewTechnicianIsLeft() {
        fake.server.verify(postRequestedFor(urlPathEqualTo(fake.api("dispatch",
                "/appointment-assignments/unassign-technicians")))
                .withRequestBody(equalToJson("{\"jobAppointmentId\": 9101, \"technicianIds\": [101]}")));
        fake.server.verify(postRequestedFor(urlPathEqualTo(fake.api("dispatch",
                "/appointment-assignments/assign-technicians")))
                .withRequestBody(equalToJson("{\"jobAppointmentId\": 9101, \"technicianIds\": [102]}")));
        fake.assertRequestsMatchTheSpecification();
    }

    /** The technicians ServiceTitan has on appointment 9101 now. */
    private void stubAssigned(long... technicians) {
        fake.server.stubFor(get(urlPathEqualTo(fake.api("dispatch", "/appointment-assignments"))).willReturn(okJson(
                assignedPage(technicians))));
    }

    private static String assignedPage(long... technicians) {
        StringBuilder data = new StringBuilder();
        for (long technician : technicians) {
            data.append(data.length() == 0 ? "" : ",").append("""
                    {"id": %d, "technicianId": %d, "technicianName": "T", "assignedById": 1,
                     "assignedOn": "2026-11-23T15:00:00Z", "status": "Scheduled", "isPaused": false, "jobId": 9001,
                     "appointmentId": 9101, "createdOn": "2026-11-23T15:00:00Z",
                     "modifiedOn": "2026-11-23T15:00:00Z", "active": true}""".formatted(technician + 70_000,
                    technician));
        }
        return """
                {"page": 1, "pageSize": 50, "hasMore": false, "data": [%s]}""".formatted(data);
    }

    /** The notes job 9001 has now. */
    private void stubNotes(String... texts) {
        StringBuilder data = new StringBuilder();
        for (String text : texts) {
            data.append(data.length() == 0 ? "" : ",").append("""
                    {"text": "%s", "isPinned": false, "createdById": 1, "createdOn": "2026-11-23T16:00:00Z",
                     "modifiedOn": "2026-11-23T16:00:00Z"}""".formatted(text));
        }
        fake.server.stubFor(get(urlPathEqualTo(fake.api("jpm", "/jobs/9001/notes"))).willReturn(okJson("""
                {"page": 1, "pageSize": 50, "hasMore": false, "data": [%s]}""".formatted(data))));
    }

    private static Job job(String source, String externalId) {
        return new Job("J-1", "default", source, externalId, "77", "No heat", null,
                new Location("1600 Glenarm Pl", 39.7447, -104.9903), null, null, List.of(), false, NOW);
    }

    private static Assignment assignment(String technicianId) {
        return new Assignment("J-1", technicianId, "102", AssignmentMode.AUTOMATIC, "rule:approval-policy", NOW, null);
    }

    private static DispatchPack pack() {
        return new DispatchPack("J-1", "101", "No heat", "HVAC_HEATING", Priority.HIGH, NOW.plusSeconds(28_800),
                "Glenarm Dental", null, "1600 Glenarm Pl", "https://maps", List.of("FLT-16X25"), List.of("FLT-16X25"),
                List.of("Report EN_ROUTE"), "102", NOW, "http://gateway/packs/J-1?token=abc");
    }
}
