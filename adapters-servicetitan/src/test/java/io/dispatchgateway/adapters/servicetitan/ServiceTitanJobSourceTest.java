package io.dispatchgateway.adapters.servicetitan;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.dispatchgateway.core.model.Customer;
import io.dispatchgateway.core.model.CustomerTier;
import io.dispatchgateway.core.model.Entitlement;
import io.dispatchgateway.core.model.Priority;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ServiceTitanJobSourceTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T16:00:00Z"), ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS) // as the adapter's
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);

    private final ServiceTitanFake fake = new ServiceTitanFake();
    private final ServiceTitanProperties properties = fake.properties(3, 5);
    private final InMemoryPorts.Cursors cursors = new InMemoryPorts.Cursors();
    private final InMemoryPorts.Customers customers = new InMemoryPorts.Customers();
    private final InMemoryPorts.Technicians technicians = new InMemoryPorts.Technicians();

    @AfterEach
    void checkAndStop() {
        fake.assertRequestsMatchTheSpecification();
        fake.close();
    }

    @Test
    void aSyncedCustomerKeepsTheContractNotesTierAndContactsTheGatewayHoldsOnIt() throws Exception {
        Entitlement contract = new Entitlement(
                Map.of(Priority.CRITICAL, Duration.ofHours(2)),
                null, null, null, null);
        customers.save(new Customer("77", "Old name", CustomerTier.PLATINUM, null,
                "north", contract, "Gate code 4411", "default", List.of("facilities@example.com")));
        stubCustomers();
        stubJobs();
        stubLocations();
        stubAppointments();
        stubAssignments();

        source().poll(payload -> { });

        Customer synced = customers.find("77").orElseThrow();
        assertThat(synced.site().address()).isEqualTo("1600 Glenarm Pl, Denver, CO 80202");
        assertThat(synced.name()).isNotEqualTo("Old name");
        assertThat(synced.tier()).isEqualTo(CustomerTier.PLATINUM);
        assertThat(synced.entitlement().slaTarget(Priority.CRITICAL))
                .contains(Duration.ofHours(2));
        assertThat(synced.notes()).isEqualTo("Gate code 4411");
        assertThat(synced.territory()).isEqualTo("north");
        assertThat(synced.contactEmails()).containsExactly("facilities@example.com");
    }

    @Test
    void customersThenJobsWithTheirLocationsBecomeIntakePayloadsOverSeveralPages() throws Exception {
        stubCustomers();
        stubJobs();
        stubLocations();
        stubAppointments();
        stubAssignments();
        List<String> payloads = new ArrayList<>();

        int handed = source().poll(payloads::add);

        assertThat(handed).isEqualTo(3);
        assertThat(customers.find("77").orElseThrow().tier()).isEqualTo(CustomerTier.SILVER);
        assertThat(customers.find("77").orElseThrow().site().address()).isEqualTo("1600 Glenarm Pl, Denver, CO 80202");
        JsonNode first = JSON.readTree(payloads.get(0));
        assertThat(first.get("externalId").asText()).isEqualTo("9001");
        assertThat(first.get("source").asText()).isEqualTo("servicetitan");
        assertThat(first.get("customerId").asText()).isEqualTo("77");
        assertThat(first.get("summary").asText()).isEqualTo("No heat in the back office");
        assertThat(first.get("reportedPriority").asText()).isEqualTo("HIGH");
        assertThat(first.at("/location/lat").asDouble()).isEqualTo(39.7447);
        assertThat(first.get("territory").asText()).isEqualTo("Downtown");
        assertThat(JSON.readTree(payloads.get(2)).get("summary").asText()).isEqualTo("ServiceTitan job J-9003");
        // The first poll read every open job, however old (no modifiedOnOrAfter); from then on, what changes
        // from (five minutes before) the moment it started.
        fake.server.verify(getRequestedFor(urlPathEqualTo(fake.api("jpm", "/jobs")))
                .withQueryParam("jobStatus", equalTo("Scheduled")).withoutQueryParam("modifiedOnOrAfter"));
        assertThat(cursors.values).containsEntry(ServiceTitanJobSource.JOBS_CURSOR, "2026-11-23T15:55:00Z");
        source().poll(payloads::add);
        fake.server.verify(getRequestedFor(urlPathEqualTo(fake.api("jpm", "/jobs")))
                .withQueryParam("modifiedOnOrAfter", equalTo("2026-11-23T15:55:00Z")).withoutQueryParam("jobStatus"));
    }

    @Test
    void aJobChangedWhileTheListIsReadIsNotSkipped() {
        stubCustomers();
        stubLocations();
        stubAppointments();
        stubAssignments();
        // Page 1 holds 9001 and 9002. While it is read, 9001 changes and moves to the end of the list, so an offset
        // read of page 2 would see only 9001 again and never 9003; the next read by modification time sees both.
        fake.server.stubFor(get(urlPathEqualTo(fake.api("jpm", "/jobs"))).atPriority(5).willReturn(okJson("""
                {"page": 1, "pageSize": 2, "hasMore": true, "data": [%s, %s]}""".formatted(
                job(9001, "High", "\"No heat\"", "2026-11-23T14:00:00Z"),
                job(9002, "Normal", "\"Drain\"", "2026-11-23T14:30:00Z")))));
        fake.server.stubFor(get(urlPathEqualTo(fake.api("jpm", "/jobs"))).atPriority(1)
                .withQueryParam("page", equalTo("2")).willReturn(okJson("""
                {"page": 2, "pageSize": 2, "hasMore": false, "data": [%s]}""".formatted(
                job(9001, "High", "\"No heat\"", "2026-11-23T15:10:00Z")))));
        fake.server.stubFor(get(urlPathEqualTo(fake.api("jpm", "/jobs"))).atPriority(1)
                .withQueryParam("modifiedOnOrAfter", equalTo("2026-11-23T14:30:00Z")).willReturn(okJson("""
                {"page": 1, "pageSize": 2, "hasMore": false, "data": [%s, %s, %s]}""".formatted(
                job(9002, "Normal", "\"Drain\"", "2026-11-23T14:30:00Z"),
                job(9003, "Low", "\"Filter\"", "2026-11-23T15:00:00Z"),
                job(9001, "High", "\"No heat\"", "2026-11-23T15:10:00Z")))));
        List<String> payloads = new ArrayList<>();

        source().poll(payloads::add);

        assertThat(payloads).extracting(p -> {
            try {
                return JSON.readTree(p).get("externalId").asText();
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }).containsExactly("9001", "9002", "9003", "9001");
    }

    @Test
    void theJobTypeGivesTheSkillsDurationAndPriority() throws Exception {
        stubCustomers();
        stubLocations();
        stubAppointments();
        stubAssignments();
        fake.server.stubFor(get(urlPathEqualTo(fake.api("jpm", "/job-types"))).willReturn(okJson("""
                {"page": 1, "pageSize": 50, "hasMore": false, "data": [
                 {"id": 31, "name": "Furnace Repair", "businessUnitIds": [1], "skills": ["HVAC Heating", "Gas"],
                  "tagTypeIds": [], "priority": "Urgent", "duration": 5400, "class": "Service", "active": true}]}""")));
        fake.server.stubFor(get(urlPathEqualTo(fake.api("jpm", "/jobs"))).willReturn(okJson("""
                {"page": 1, "pageSize": 2, "hasMore": false, "data": [%s, %s]}""".formatted(
                job(9001, "Normal", "\"No heat\"", "2026-11-23T14:00:00Z").replace("\"priority\"",
                        "\"jobTypeId\": 31, \"priority\""),
                job(9002, "Normal", "\"Drain\"", "2026-11-23T14:30:00Z")))));
        List<String> payloads = new ArrayList<>();

        source().poll(payloads::add);

        JsonNode typed = JSON.readTree(payloads.get(0)).get("jobType");
        assertThat(typed.get("name").asText()).isEqualTo("Furnace Repair");
        assertThat(typed.get("skills")).extracting(JsonNode::asText).containsExactly("hvac-heating", "gas");
        assertThat(typed.get("duration").asText()).isEqualTo("PT1H30M");
        assertThat(typed.get("priority").asText()).isEqualTo("CRITICAL");
        assertThat(JSON.readTree(payloads.get(1)).get("jobType").isNull()).isTrue();
        fake.server.verify(getRequestedFor(urlPathEqualTo(fake.api("jpm", "/job-types")))
                .withQueryParam("active", equalTo("Any")));
    }

    @Test
    void theJobsNextOpenAppointmentGivesItsArrivalWindow() throws Exception {
        stubCustomers();
        stubJobs();
        stubLocations();
        stubAppointments();
        stubAssignments();
        List<String> payloads = new ArrayList<>();

        source().poll(payloads::add);

        // The configured arrival window wins over the appointment's times; without one, start and end are the window.
        JsonNode windowed = JSON.readTree(payloads.get(0)).get("arrivalWindow");
        assertThat(windowed.get("start").asText()).isEqualTo("2026-11-23T18:00:00Z");
        assertThat(windowed.get("end").asText()).isEqualTo("2026-11-23T19:00:00Z");
        JsonNode timed = JSON.readTree(payloads.get(1)).get("arrivalWindow");
        assertThat(timed.get("start").asText()).isEqualTo("2026-11-23T21:00:00Z");
        assertThat(timed.get("end").asText()).isEqualTo("2026-11-23T23:00:00Z");
        // A job whose first visit is done: the earliest visit still to be made.
        JsonNode next = JSON.readTree(payloads.get(2)).get("arrivalWindow");
        assertThat(next.get("start").asText()).isEqualTo("2026-11-24T15:00:00Z");
        fake.server.verify(1, getRequestedFor(urlPathEqualTo(fake.api("jpm", "/appointments")))
                .withQueryParam("jobId", equalTo("9003")));
    }

    @Test
    void theFirstPollReadsEveryCustomerAndTechnicianAndFetchesAnOldCustomerById() throws Exception {
        stubCustomers();
        stubJobs();
        stubLocations();
        stubAppointments();
        stubAssignments();
        // Job 9002's customer 88 has not changed for years: not in the customer feed, fetched by id.
        fake.server.stubFor(get(urlPathEqualTo(fake.api("jpm", "/jobs"))).withQueryParam("page", equalTo("1"))
                .willReturn(okJson("""
                        {"page": 1, "pageSize": 2, "hasMore": false, "data": [%s, %s]}""".formatted(
                        job(9001, "High", "\"No heat\"", "2026-11-23T14:00:00Z"),
                        job(9002, "Normal", "\"Drain\"", "2026-11-23T14:30:00Z")
                                .replace("\"customerId\": 77", "\"customerId\": 88")))));
        fake.server.stubFor(get(urlPathEqualTo(fake.api("crm", "/customers"))).withQueryParam("ids", equalTo("88"))
                .willReturn(okJson("""
                        {"page": 1, "pageSize": 50, "hasMore": false, "data": [
                         {"id": 88, "active": false, "name": "Larkspur Bakery", "type": "Commercial", "balance": 0,
                          "address": {"street": "2 Larimer St", "city": "Denver", "state": "CO", "zip": "80205",
                                      "country": "USA", "latitude": 39.75, "longitude": -104.99},
                          "modifiedOn": "2019-03-02T08:00:00Z"}]}""")));
        List<String> payloads = new ArrayList<>();

        source().poll(payloads::add);

        fake.server.verify(getRequestedFor(urlPathEqualTo(fake.api("crm", "/customers")))
                .withQueryParam("active", equalTo("Any"))
                .withoutQueryParam("modifiedOnOrAfter").withoutQueryParam("ids"));
        fake.server.verify(getRequestedFor(urlPathEqualTo(fake.api("settings", "/technicians")))
                .withQueryParam("active", equalTo("Any")).withoutQueryParam("modifiedOnOrAfter"));
        assertThat(customers.find("88").orElseThrow().name()).isEqualTo("Larkspur Bakery");
        assertThat(payloads).hasSize(2);
    }

    @Test
    void workTheOfficeAlreadyStaffedComesInCommittedAndClosedWorkNeverEnters() {
        stubCustomers();
        stubLocations();
        stubAppointments();
        stubAssignments(9102); // the office put a technician on job 9002's appointment
        fake.server.stubFor(get(urlPathEqualTo(fake.api("jpm", "/jobs"))).willReturn(okJson("""
                {"page": 1, "pageSize": 4, "hasMore": false, "data": [%s, %s, %s, %s]}""".formatted(
                job(9001, "High", "\"No heat\"", "2026-11-23T14:00:00Z"),
                job(9002, "Normal", "\"Drain\"", "2026-11-23T14:30:00Z"),
                job(9003, "Low", "\"Filter\"", "2026-11-23T15:30:00Z").replace("Scheduled", "Completed"),
                job(9004, "Low", "\"Filter\"", "2026-11-23T15:40:00Z").replace("Scheduled", "Canceled")))));
        List<String> payloads = new ArrayList<>();

        int handed = source().poll(payloads::add);

        assertThat(handed).isEqualTo(2);
        assertThat(payloads).hasSize(2);
        assertThat(payloads.get(0)).contains("\"externalId\":\"9001\"").contains("\"assignedTechnicianId\":null");
        // The office's technician comes with the job: the gateway holds it in Ana's plan, never dispatches it.
        assertThat(payloads.get(1)).contains("\"externalId\":\"9002\"").contains("\"assignedTechnicianId\":\"101\"");
    }

    @Test
    void idFiltersNeverCarryMoreThanFiftyIds() {
        stubCustomers();
        StringBuilder jobs = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            jobs.append(i == 0 ? "" : ",").append(job(10_000 + i, "Normal", "\"Drain\"", "2026-11-23T14:00:00Z")
                    .replace("\"locationId\": 501", "\"locationId\": " + (2_000 + i)));
        }
        fake.server.stubFor(get(urlPathEqualTo(fake.api("jpm", "/jobs"))).willReturn(okJson("""
                {"page": 1, "pageSize": 60, "hasMore": false, "data": [%s]}""".formatted(jobs))));
        fake.server.stubFor(get(urlPathEqualTo(fake.api("crm", "/locations"))).willReturn(okJson("""
                {"page": 1, "pageSize": 50, "hasMore": false, "data": []}""")));
        StringBuilder visits = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            visits.append(i == 0 ? "" : ",").append(appointment(10_100 + i, 10_000 + i, "Scheduled",
                    "2026-11-24T15:00:00Z", "2026-11-24T17:00:00Z", "null", "null"));
        }
        fake.server.stubFor(get(urlPathEqualTo(fake.api("jpm", "/appointments"))).willReturn(okJson("""
                {"page": 1, "pageSize": 60, "hasMore": false, "data": [%s]}""".formatted(visits))));
        stubAssignments();

        int handed = source().poll(payload -> { });

        assertThat(handed).isEqualTo(60);
        // Every list filter (ids, appointmentIds) within 50, checked by the contract against the documents too.
        assertThat(fake.server.getAllServeEvents()).allSatisfy(event -> {
            for (String name : List.of("ids", "appointmentIds")) {
                var values = event.getRequest().queryParameter(name);
                if (values.isPresent()) {
                    assertThat(values.firstValue().split(",")).hasSizeLessThanOrEqualTo(
                            ServiceTitanJobSource.IDS_PER_REQUEST);
                }
            }
        });
        assertThat(fake.server.findAll(getRequestedFor(urlPathEqualTo(fake.api("dispatch",
                "/appointment-assignments"))))).hasSize(2);

        var locationCalls = fake.server.findAll(getRequestedFor(urlPathEqualTo(fake.api("crm", "/locations"))));
        assertThat(locationCalls).hasSize(2);
        assertThat(locationCalls).allSatisfy(call -> assertThat(call.queryParameter("ids").firstValue().split(","))
                .hasSizeLessThanOrEqualTo(ServiceTitanJobSource.IDS_PER_REQUEST));
        var appointmentCalls = fake.server.findAll(getRequestedFor(urlPathEqualTo(fake.api("jpm", "/appointments")))
                .withQueryParam("ids", com.github.tomakehurst.wiremock.client.WireMock.matching(".+")));
        assertThat(appointmentCalls).hasSize(2);
    }

    @Test
    void nextPollAndARestartResumeFromTheStoredCursor() {
        stubCustomers();
        stubJobs();
        stubLocations();
        stubAppointments();
        stubAssignments();
        source().poll(payload -> { });
        fake.server.resetRequests();

        // A new source over the same store, as after a restart: the jobs read in full at 16:00, what changed since
        // (from five minutes before, for ServiceTitan's clock).
        source().poll(payload -> { });

        fake.server.verify(getRequestedFor(urlPathEqualTo(fake.api("jpm", "/jobs")))
                .withQueryParam("modifiedOnOrAfter", equalTo("2026-11-23T15:55:00Z"))
                .withQueryParam("sort", equalTo("+ModifiedOn")));
        fake.server.verify(getRequestedFor(urlPathEqualTo(fake.api("crm", "/customers")))
                .withQueryParam("modifiedOnOrAfter", equalTo("2026-11-22T08:00:00Z"))
                .withQueryParam("sort", equalTo("+ModifiedOn")));
        // Technicians cannot be sorted: their cursor stands at the latest of all pages.
        fake.server.verify(getRequestedFor(urlPathEqualTo(fake.api("settings", "/technicians")))
                .withQueryParam("modifiedOnOrAfter", equalTo("2026-11-22T09:40:00Z")));
    }

    private ServiceTitanJobSource source() {
        ServiceTitanMapperImpl mapper = new ServiceTitanMapperImpl();
        return new ServiceTitanJobSource(fake.client(properties, CLOCK), mapper, JSON, cursors, customers, technicians,
                properties, CLOCK, java.time.ZoneId.of("America/Denver"));
    }

    @Test
    void techniciansArriveWithSkillsShiftAndZoneAndKeepWhatTheGatewayKnows() {
        stubCustomers();
        stubJobs();
        stubLocations();
        stubAppointments();
        stubAssignments();
        technicians.save(new io.dispatchgateway.core.model.Technician("101", "Ana", Map.of("plumbing", 5,
                "electrical", 4),
                List.of(new io.dispatchgateway.core.model.Certification("GAS-FITTER", null)), null,
                new io.dispatchgateway.core.model.GeoPoint(39.7, -104.9), null, Map.of("VALVE", 2), null,
                true, null));

        source().poll(payload -> { });

        var ana = technicians.find("101").orElseThrow();
        // Plumbing keeps the gateway's level; electrical, removed in ServiceTitan, is gone.
        assertThat(ana.skills()).containsOnly(Map.entry("plumbing", 5), Map.entry("hvac-heating", 3));
        assertThat(ana.certifications()).extracting(c -> c.code()).containsExactly("GAS-FITTER");
        assertThat(ana.truckStock()).containsEntry("VALVE", 2);
        assertThat(ana.homeBase().lat()).isEqualTo(39.75);
        assertThat(ana.lastKnownLocation().lat()).isEqualTo(39.76);
        assertThat(ana.territory()).isEqualTo("Downtown");
        assertThat(ana.alsoServes()).containsExactly("14"); // a zone the zone list does not name: by its id
        // Dee's phone last reported ten hours ago: that fix is where she was, not where she is.
        var dee = technicians.find("104").orElseThrow();
        assertThat(dee.lastKnownLocation()).isNull();
        assertThat(dee.currentPosition().lat()).isEqualTo(39.70);
        // The planned shifts of the week (Mon 07:00-15:00 and Tue 07:30-16:00 in Denver) win over the profile's times.
        assertThat(ana.shift().start()).isEqualTo(java.time.LocalTime.of(7, 0));
        assertThat(ana.shift().end()).isEqualTo(java.time.LocalTime.of(16, 0));
        assertThat(ana.shift().days()).containsExactlyInAnyOrder(java.time.DayOfWeek.MONDAY,
                java.time.DayOfWeek.TUESDAY);
        assertThat(ana.territory()).isEqualTo("Downtown");
        assertThat(ana.contact().phone()).isEqualTo("+1-303-555-0101");
        assertThat(technicians.find("102")).isEmpty(); // no position: not importable
        // Deactivated in ServiceTitan: kept, but inactive, so the ranking excludes them.
        assertThat(technicians.find("105").orElseThrow().active()).isFalse();
    }

    @Test
    void shiftsCountFromTheOneRunningNowWithoutTimeOffAndRefreshWithoutARecordChange() {
        stubCustomers();
        stubJobs();
        stubLocations();
        stubAppointments();
        stubAssignments();
        source().poll(payload -> { });
        // The running shift (started 14:00Z, now 16:00Z) is asked for: the query starts a day back.
        fake.server.verify(getRequestedFor(urlPathEqualTo(fake.api("dispatch", "/technician-shifts")))
                .withQueryParam("startsOnOrAfter", equalTo("2026-11-22T16:00:00Z")));
        assertThat(technicians.find("101").orElseThrow().shift().days())
                .containsExactlyInAnyOrder(java.time.DayOfWeek.MONDAY, java.time.DayOfWeek.TUESDAY);

        // The office moves Ana to Thursday; her technician record does not change.
        fake.server.stubFor(get(urlPathEqualTo(fake.api("dispatch", "/technician-shifts"))).willReturn(okJson("""
                {"page": 1, "pageSize": 1, "hasMore": false, "data": [
                 {"id": 4, "shiftType": "Normal", "title": "Day", "active": true, "technicianId": 101,
                  "start": "2026-11-26T15:00:00Z", "end": "2026-11-26T23:00:00Z"}]}""")));
        fake.server.stubFor(get(urlPathEqualTo(fake.api("settings", "/technicians"))).willReturn(okJson("""
                {"page": 1, "pageSize": 2, "hasMore": false, "data": []}""")));
        source().poll(payload -> { });

        assertThat(technicians.find("101").orElseThrow().shift().days())
                .containsExactly(java.time.DayOfWeek.THURSDAY);
    }

    @Test
    void jobStatusChangesAreReportedAsFieldEvents() throws Exception {
        stubCustomers();
        stubLocations();
        stubAppointments();
        stubAssignments();
        fake.server.stubFor(get(urlPathEqualTo(fake.api("jpm", "/jobs"))).willReturn(okJson("""
                {"page": 1, "pageSize": 3, "hasMore": false, "data": [%s, %s, %s]}""".formatted(
                job(9001, "High", "\"No heat\"", "2026-11-23T14:00:00Z").replace("Scheduled", "Dispatched"),
                job(9002, "Normal", "\"Drain\"", "2026-11-23T14:30:00Z"),
                job(9003, "Low", "\"Filter\"", "2026-11-23T15:30:00Z").replace("Scheduled", "Completed")))));
        List<String> events = new ArrayList<>();

        int handed = source().poll(payload -> { }, (externalId, event) -> events.add(externalId + " " + event));

        // Only the Scheduled job enters dispatch; the dispatched and completed ones are status changes.
        assertThat(handed).isEqualTo(1);
        assertThat(events).hasSize(2);
        assertThat(events.get(0)).startsWith("9001 ");
        JsonNode enRoute = JSON.readTree(events.get(0).substring(5));
        assertThat(enRoute.get("type").asText()).isEqualTo("EN_ROUTE");
        assertThat(enRoute.get("at").asText()).isEqualTo("2026-11-23T14:00:00Z");
        assertThat(events.get(1)).startsWith("9003 ");
        JsonNode completed = JSON.readTree(events.get(1).substring(5));
        assertThat(completed.get("type").asText()).isEqualTo("COMPLETED");
        assertThat(completed.has("firstTimeFix")).isFalse();
    }

    @Test
    void theOfficesStaffingChangesComeFromTheExportFeedPerVisitStillToBeMade() {
        stubCustomers();
        stubLocations();
        stubAppointments();
        stubAssignments(9101); // who is on visit 9101 now: Ana (101)
        fake.server.stubFor(get(urlPathEqualTo(fake.api("jpm", "/jobs"))).willReturn(okJson("""
                {"page": 1, "pageSize": 50, "hasMore": false, "data": []}""")));
        fake.server.stubFor(get(urlPathEqualTo(fake.api("dispatch", "/export/appointment-assignments")))
                .withQueryParam("from", equalTo("2026-11-22")).willReturn(okJson("""
                {"hasMore": true, "continueFrom": "t1", "data": [%s, %s]}""".formatted(
                exported(7001, 102, 9001, 9101, false, "2026-11-23T14:50:00Z"),
                exported(7002, 101, 9003, 9103, true, "2026-11-23T14:55:00Z")))));
        fake.server.stubFor(get(urlPathEqualTo(fake.api("dispatch", "/export/appointment-assignments")))
                .withQueryParam("from", equalTo("t1")).willReturn(okJson("""
                {"hasMore": false, "continueFrom": "t2", "data": [%s]}""".formatted(
                exported(7003, 101, 9001, 9101, true, "2026-11-23T15:00:00Z")))));
        List<String> staffed = new ArrayList<>();
        io.dispatchgateway.core.port.JobSource.FieldEvents events = new io.dispatchgateway.core.port.JobSource
                .FieldEvents() {
            @Override
            public void report(String externalId, String payload) {
            }

            @Override
            public void staffed(String externalId, List<String> technicianIds, Instant at) {
                staffed.add(externalId + " " + technicianIds + " " + at);
            }
        };

        source().poll(payload -> { }, events);

        // The office took Ben (102) off job 9001's visit and put Ana on it: reported once per batch, with who is
        // on the visit now. The Done visit of job 9003 changes nothing.
        assertThat(staffed).containsExactly("9001 [101] 2026-11-23T14:50:00Z", "9001 [101] 2026-11-23T15:00:00Z");
        assertThat(cursors.values).containsEntry(ServiceTitanJobSource.ASSIGNMENTS_CURSOR, "t2");
        fake.server.verify(getRequestedFor(urlPathEqualTo(fake.api("dispatch", "/export/appointment-assignments")))
                .withQueryParam("active", equalTo("Any")));
        // The next poll goes on from the feed's last token.
        fake.server.stubFor(get(urlPathEqualTo(fake.api("dispatch", "/export/appointment-assignments")))
                .withQueryParam("from", equalTo("t2")).willReturn(okJson("""
                {"hasMore": false, "continueFrom": "t2", "data": []}""")));
        source().poll(payload -> { }, events);
        fake.server.verify(getRequestedFor(urlPathEqualTo(fake.api("dispatch", "/export/appointment-assignments")))
                .withQueryParam("from", equalTo("t2")));
        assertThat(staffed).hasSize(2);
    }

    @Test
    void theBusinessUnitAndTagsGoIntoTheDescriptionByNameOrByIdWithoutTheScope() throws Exception {
        stubCustomers();
        stubLocations();
        stubAppointments();
        stubAssignments();
        fake.server.stubFor(get(urlPathEqualTo(fake.api("jpm", "/jobs"))).willReturn(okJson("""
                {"page": 1, "pageSize": 50, "hasMore": false, "data": [%s]}""".formatted(
                job(9001, "High", "\"No heat\"", "2026-11-23T14:00:00Z")
                        .replace("\"modifiedOn\"", "\"businessUnitId\": 3, \"tagTypeIds\": [40, 41], \"modifiedOn\"")))));
        fake.server.stubFor(get(urlPathEqualTo(fake.api("settings", "/business-units"))).willReturn(okJson("""
                {"page": 1, "pageSize": 50, "hasMore": false, "data": [
                 {"id": 3, "active": true, "name": "HVAC Service"}]}""")));
        fake.server.stubFor(get(urlPathEqualTo(fake.api("settings", "/tag-types"))).willReturn(okJson("""
                {"page": 1, "pageSize": 50, "hasMore": false, "data": [
                 {"id": 40, "name": "Gas smell", "active": true}]}""")));
        List<String> payloads = new ArrayList<>();

        source().poll(payloads::add);

        assertThat(JSON.readTree(payloads.get(0)).get("description").asText())
                .isEqualTo("No heat\nBusiness unit: HVAC Service. Tags: Gas smell, 41.");
        // A tenant that did not grant the tag types' scope: the job still comes in, its tags by id.
        fake.server.stubFor(get(urlPathEqualTo(fake.api("settings", "/tag-types"))).willReturn(
                ServiceTitanFake.status(403).withHeader("Content-Type", "application/json").withBody("""
                {"type": "https://httpstatuses.com/403", "title": "Forbidden", "status": 403, "traceId": "t-403",
                 "errors": {}, "data": {}}""")));
        cursors.values.clear();
        payloads.clear();

        source().poll(payloads::add);

        assertThat(JSON.readTree(payloads.get(0)).get("description").asText())
                .isEqualTo("No heat\nBusiness unit: HVAC Service. Tags: 40, 41.");
    }

    @Test
    void aJobIntakeRefusedIsReadAgainByIdTenMinutesLaterThoughItsRecordDidNotChange() throws Exception {
        stubCustomers();
        stubLocations();
        stubAppointments();
        stubAssignments();
        fake.server.stubFor(get(urlPathEqualTo(fake.api("jpm", "/jobs"))).withQueryParam("ids", equalTo("9002"))
                .willReturn(okJson("""
                {"page": 1, "pageSize": 50, "hasMore": false, "data": [%s]}""".formatted(
                job(9002, "Normal", "\"Drain clogged\"", "2026-11-23T14:30:00Z")))));
        fake.server.stubFor(get(urlPathEqualTo(fake.api("jpm", "/jobs"))).withQueryParam("modifiedOnOrAfter",
                com.github.tomakehurst.wiremock.client.WireMock.matching(".+")).willReturn(okJson("""
                {"page": 1, "pageSize": 50, "hasMore": false, "data": []}""")));
        fake.server.stubFor(get(urlPathEqualTo(fake.api("jpm", "/jobs"))).withQueryParam("jobStatus",
                equalTo("Scheduled")).willReturn(okJson("""
                {"page": 1, "pageSize": 50, "hasMore": false, "data": [%s, %s]}""".formatted(
                job(9001, "High", "\"No heat\"", "2026-11-23T14:00:00Z"),
                job(9002, "Normal", "\"Drain clogged\"", "2026-11-23T14:30:00Z")))));
        ServiceTitanHealthTest.MovableClock clock = new ServiceTitanHealthTest.MovableClock(CLOCK.instant());
        ServiceTitanJobSource source = new ServiceTitanJobSource(fake.client(properties, clock),
                new ServiceTitanMapperImpl(), JSON, cursors, customers, technicians, properties, clock,
                java.time.ZoneId.of("America/Denver"));
        List<String> offered = new ArrayList<>();
        // Intake refuses 9002 the first time (say its location had no coordinates yet), as the gateway would.
        java.util.function.Consumer<String> intake = payload -> {
            offered.add(payload);
            if (payload.contains("\"externalId\":\"9002\"") && offered.size() <= 2) {
                source.refused(payload);
            }
        };

        source.poll(intake);
        source.poll(intake); // too soon: not read again yet
        assertThat(offered).hasSize(2);
        clock.advance(ServiceTitanJobSource.RETRY_REFUSED_AFTER);
        source.poll(intake);

        assertThat(offered).hasSize(3);
        assertThat(JSON.readTree(offered.get(2)).get("externalId").asText()).isEqualTo("9002");
        fake.server.verify(1, getRequestedFor(urlPathEqualTo(fake.api("jpm", "/jobs")))
                .withQueryParam("ids", equalTo("9002")));
        // Accepted this time: not read again.
        clock.advance(ServiceTitanJobSource.RETRY_REFUSED_AFTER);
        source.poll(intake);
        assertThat(offered).hasSize(3);
    }

    @Test
    void aScheduledJobWhoseVisitsAreOnHoldIsNotDispatchedButReadAgainLater() {
        stubCustomers();
        stubLocations();
        stubAssignments();
        fake.server.stubFor(get(urlPathEqualTo(fake.api("jpm", "/appointments"))).willReturn(okJson("""
                {"page": 1, "pageSize": 50, "hasMore": false, "data": [%s]}""".formatted(
                appointment(9104, 9004, "Hold", "2026-11-24T15:00:00Z", "2026-11-24T17:00:00Z", "null", "null")))));
        fake.server.stubFor(get(urlPathEqualTo(fake.api("jpm", "/jobs"))).willReturn(okJson("""
                {"page": 1, "pageSize": 50, "hasMore": false, "data": [%s]}""".formatted(
                job(9004, "Normal", "\"Drain\"", "2026-11-23T14:00:00Z")))));
        List<String> payloads = new ArrayList<>();

        int handed = source().poll(payloads::add);

        assertThat(handed).isZero();
        assertThat(payloads).isEmpty();
        assertThat(cursors.values).containsEntry(ServiceTitanJobSource.REFUSED, "9004")
                .containsEntry(ServiceTitanJobSource.REFUSED_DUE, "2026-11-23T16:10:00Z");
    }

    @Test
    void jobsReadAtTheCursorsInstantAreNotHandedOverAgainByTheNextPoll() {
        stubCustomers();
        stubLocations();
        stubAppointments();
        stubAssignments();
        cursors.save(ServiceTitanJobSource.JOBS_CURSOR, "2026-11-23T14:30:00Z");
        fake.server.stubFor(get(urlPathEqualTo(fake.api("jpm", "/jobs"))).willReturn(okJson("""
                {"page": 1, "pageSize": 50, "hasMore": false, "data": [%s, %s]}""".formatted(
                job(9001, "High", "\"No heat\"", "2026-11-23T14:30:00Z"),
                job(9002, "Normal", "\"Drain\"", "2026-11-23T14:30:00Z")))));
        List<String> payloads = new ArrayList<>();

        assertThat(source().poll(payloads::add)).isEqualTo(2);
        // modifiedOnOrAfter is inclusive: ServiceTitan sends both again, and neither is handed over twice.
        assertThat(source().poll(payloads::add)).isZero();
        // Modified again later: it comes in again (intake keeps it one job).
        fake.server.stubFor(get(urlPathEqualTo(fake.api("jpm", "/jobs"))).willReturn(okJson("""
                {"page": 1, "pageSize": 50, "hasMore": false, "data": [%s, %s]}""".formatted(
                job(9001, "High", "\"No heat\"", "2026-11-23T14:30:00Z"),
                job(9002, "Normal", "\"Drain\"", "2026-11-23T15:00:00Z")))));
        assertThat(source().poll(payloads::add)).isEqualTo(1);
        assertThat(payloads).hasSize(3);
    }

    private static String exported(long id, long technician, long job, long appointment, boolean active,
            String modifiedOn) {
        return """
                {"id": %d, "technicianId": %d, "technicianName": "T", "assignedById": 5,
                 "assignedOn": "%s", "status": "Scheduled", "isPaused": false, "jobId": %d,
                 "appointmentId": %d, "createdOn": "%s", "modifiedOn": "%s", "active": %s}"""
                .formatted(id, technician, modifiedOn, job, appointment, modifiedOn, modifiedOn, active);
    }

    private void stubCustomers() {
        fake.server.stubFor(get(urlPathEqualTo(fake.api("dispatch", "/zones"))).willReturn(okJson("""
                {"page": 1, "pageSize": 2, "hasMore": false, "data": [
                 {"id": 12, "active": true, "name": "Downtown", "createdBy": 1, "createdOn": "2026-01-01T00:00:00Z",
                  "modifiedOn": "2026-01-01T00:00:00Z", "serviceDaysEnabled": false}]}""")));
        fake.server.stubFor(get(urlPathEqualTo(fake.api("dispatch", "/technician-shifts"))).willReturn(okJson("""
                {"page": 1, "pageSize": 2, "hasMore": false, "data": [
                 {"id": 1, "shiftType": "Normal", "title": "Day", "active": true, "technicianId": 101,
                  "start": "2026-11-23T14:00:00Z", "end": "2026-11-23T22:00:00Z"},
                 {"id": 2, "shiftType": "Normal", "title": "Day", "active": true, "technicianId": 101,
                  "start": "2026-11-24T14:30:00Z", "end": "2026-11-24T23:00:00Z"},
                 {"id": 3, "shiftType": "TimeOff", "title": "Dentist", "active": true, "technicianId": 101,
                  "start": "2026-11-25T14:00:00Z", "end": "2026-11-25T23:00:00Z"}]}""")));
        fake.server.stubFor(get(urlPathEqualTo(fake.api("settings", "/technicians"))).willReturn(okJson("""
                {"page": 1, "pageSize": 3, "hasMore": false, "data": [
                 {"id": 101, "name": "Ana Ruiz", "active": true, "email": "ana@example.com",
                  "mobilePhone": "+1-303-555-0101", "mainZoneId": 12, "zoneIds": [12, 14], "shiftStart": "08:00:00",
                  "shiftEnd": "17:00:00",
                  "home": {"street": "1 Main St", "city": "Denver", "latitude": 39.75, "longitude": -104.99},
                  "location": {"latitude": 39.76, "longitude": -104.98, "coordinatesUpdatedOn": "2026-11-23T15:40:00Z"},
                  "skills": [{"id": 1, "name": "HVAC Heating"}, {"id": 2, "name": "Plumbing"}],
                  "modifiedOn": "2026-11-22T09:00:00Z"},
                 {"id": 104, "name": "Dee Marsh", "active": true, "skills": null, "modifiedOn": "2026-11-22T09:20:00Z",
                  "home": {"street": "9 Elm St", "city": "Denver", "latitude": 39.70, "longitude": -105.01},
                  "location": {"latitude": 39.80, "longitude": -104.90, "coordinatesUpdatedOn": "2026-11-23T06:10:00Z"}},
                 {"id": 102, "name": "Ben Okafor", "active": true, "home": null, "location": null, "skills": null,
                  "modifiedOn": "2026-11-22T09:30:00Z"},
                 {"id": 105, "name": "Cal Voss", "active": false, "skills": [], "modifiedOn": "2026-11-22T09:40:00Z",
                  "home": {"street": "3 Oak St", "city": "Denver", "latitude": 39.72, "longitude": -104.95}}]}""")));
        fake.server.stubFor(get(urlPathEqualTo(fake.api("crm", "/customers"))).willReturn(okJson("""
                {"page": 1, "pageSize": 2, "hasMore": false, "data": [
                 {"id": 77, "active": true, "name": "Glenarm Dental", "type": "Commercial", "balance": 0,
                  "address": {"street": "1600 Glenarm Pl", "city": "Denver", "state": "CO", "zip": "80202",
                              "country": "USA", "latitude": 39.7447, "longitude": -104.9903},
                  "modifiedOn": "2026-11-22T08:00:00Z"}]}""")));
    }

    private void stubJobs() {
        fake.server.stubFor(get(urlPathEqualTo(fake.api("jpm", "/jobs"))).withQueryParam("page", equalTo("1"))
                .willReturn(okJson("""
                        {"page": 1, "pageSize": 2, "hasMore": true, "data": [
                         %s, %s]}""".formatted(job(9001, "High", "\"No heat in the back office\"",
                        "2026-11-23T14:00:00Z"), job(9002, "Normal", "\"Drain clogged\"", "2026-11-23T14:30:00Z")))));
        fake.server.stubFor(get(urlPathEqualTo(fake.api("jpm", "/jobs"))).withQueryParam("page", equalTo("2"))
                .willReturn(okJson("""
                        {"page": 2, "pageSize": 2, "hasMore": false, "data": [%s]}"""
                        .formatted(job(9003, "Low", "null", "2026-11-23T15:30:00Z")))));
    }

    /**
     * Job 9001's first appointment has an arrival window, 9002's only its start and end; 9003's first visit was
     * made, and its next open one is the earlier of two scheduled.
     */
    private void stubAppointments() {
        fake.server.stubFor(get(urlPathEqualTo(fake.api("jpm", "/appointments"))).willReturn(okJson("""
                {"page": 1, "pageSize": 50, "hasMore": false, "data": [
                 %s, %s, %s]}""".formatted(
                appointment(9101, 9001, "Scheduled", "2026-11-23T18:00:00Z", "2026-11-23T20:00:00Z",
                        "\"2026-11-23T18:00:00Z\"", "\"2026-11-23T19:00:00Z\""),
                appointment(9102, 9002, "Dispatched", "2026-11-23T21:00:00Z", "2026-11-23T23:00:00Z", "null", "null"),
                appointment(9103, 9003, "Done", "2026-11-20T15:00:00Z", "2026-11-20T16:00:00Z", "null", "null")))));
        fake.server.stubFor(get(urlPathEqualTo(fake.api("jpm", "/appointments"))).withQueryParam("jobId",
                equalTo("9003")).willReturn(okJson("""
                {"page": 1, "pageSize": 50, "hasMore": false, "data": [%s, %s, %s]}""".formatted(
                appointment(9103, 9003, "Done", "2026-11-20T15:00:00Z", "2026-11-20T16:00:00Z", "null", "null"),
                appointment(9205, 9003, "Scheduled", "2026-11-26T15:00:00Z", "2026-11-26T17:00:00Z", "null", "null"),
                appointment(9204, 9003, "Scheduled", "2026-11-24T15:00:00Z", "2026-11-24T17:00:00Z", "null",
                        "null")))));
    }

    /** No appointment has a technician yet, unless {@code staffed} names one (assigned by the office). */
    private void stubAssignments(long... staffed) {
        StringBuilder data = new StringBuilder();
        for (long appointment : staffed) {
            data.append(data.length() == 0 ? "" : ",").append("""
                    {"id": %d, "technicianId": 101, "technicianName": "Ana Ruiz", "assignedById": 5,
                     "assignedOn": "2026-11-23T14:00:00Z", "status": "Scheduled", "isPaused": false, "jobId": %d,
                     "appointmentId": %d, "createdOn": "2026-11-23T14:00:00Z", "modifiedOn": "2026-11-23T14:00:00Z",
                     "active": true}""".formatted(appointment + 5000, appointment - 100, appointment));
        }
        fake.server.stubFor(get(urlPathEqualTo(fake.api("dispatch", "/appointment-assignments"))).willReturn(okJson("""
                {"page": 1, "pageSize": 50, "hasMore": false, "data": [%s]}""".formatted(data))));
    }

    private static String appointment(long id, long jobId, String status, String start, String end,
            String windowStart, String windowEnd) {
        return """
                {"id": %d, "jobId": %d, "appointmentNumber": "%d-1", "start": "%s", "end": "%s",
                 "arrivalWindowStart": %s, "arrivalWindowEnd": %s, "status": "%s", "specialInstructions": null,
                 "createdOn": "2026-11-20T12:00:00Z", "modifiedOn": "2026-11-23T13:00:00Z", "customerId": 77,
                 "unused": false, "createdById": 1, "isConfirmed": true, "active": true}"""
                .formatted(id, jobId, jobId, start, end, windowStart, windowEnd, status);
    }

    private void stubLocations() {
        fake.server.stubFor(get(urlPathEqualTo(fake.api("crm", "/locations"))).willReturn(okJson("""
                {"page": 1, "pageSize": 2, "hasMore": false, "data": [
                 {"id": 501, "customerId": 77, "active": true, "name": "Main", "zoneId": 12,
                  "address": {"street": "1600 Glenarm Pl", "city": "Denver", "state": "CO", "zip": "80202",
                              "country": "USA", "latitude": 39.7447, "longitude": -104.9903}}]}""")));
    }

    private static String job(long id, String priority, String summary, String modifiedOn) {
        return """
                {"id": %d, "jobNumber": "J-%d", "customerId": 77, "locationId": 501, "jobStatus": "Scheduled",
                 "priority": "%s", "summary": %s, "firstAppointmentId": %d, "createdOn": "2026-11-23T13:00:00Z",
                 "modifiedOn": "%s"}""".formatted(id, id, priority, summary, id + 100, modifiedOn);
    }
}
