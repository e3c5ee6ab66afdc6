package io.dispatchgateway.gateway.security;

import static io.dispatchgateway.gateway.GatewayClient.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dispatchgateway.gateway.GatewayClient;
import io.dispatchgateway.gateway.MondayMorningClock;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Two tenants of one MSP on one gateway, over real HTTP: nothing of tenant B is visible or changeable to tenant
 * A's users on any endpoint, the same source and external id are two jobs, and B's technicians are never offered
 * for A's work. The demo roster's technicians and depots are shared (they name no tenant).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
@Import(MondayMorningClock.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
class TenantIsolationIT {

    private static final String ISSUER = "https://login.example.test/3f1c-tenant/v2.0";
    private static final String AUDIENCE = "api://dispatch-gateway";
    /** The issuer's signing key, made by the test; its public half is served as the issuer's JWKS. */
    static final com.nimbusds.jose.jwk.RSAKey KEY = rsaKey("issuer-key");
    static final com.github.tomakehurst.wiremock.WireMockServer ISSUER_KEYS = keysServer();

    private static com.nimbusds.jose.jwk.RSAKey rsaKey(String id) {
        try {
            return new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048).keyID(id).generate();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static com.github.tomakehurst.wiremock.WireMockServer keysServer() {
        var server = new com.github.tomakehurst.wiremock.WireMockServer(
                com.github.tomakehurst.wiremock.core.WireMockConfiguration.options().dynamicPort());
        server.start();
        server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get("/discovery/v2.0/keys").willReturn(
                com.github.tomakehurst.wiremock.client.WireMock.okJson(
                        new com.nimbusds.jose.jwk.JWKSet(KEY.toPublicJWK()).toString())));
        return server;
    }

    @org.junit.jupiter.api.AfterAll
    void stopIssuer() {
        ISSUER_KEYS.stop();
    }

    /** Made here, not with {@code @TempDir}: a per-class test instance is built before that is injected. */
    static final Path dataDir = temporaryDirectory();

    private static Path temporaryDirectory() {
        try {
            Path dir = java.nio.file.Files.createTempDirectory("tenant-isolation-it");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("gateway.data-dir", () -> dataDir.toString());
        registry.add("gateway.approval.close-call-margin", () -> "0");
        // Test users whose password is their name; each acts for the tenants it names.
        user(registry, "integration-a", "INTEGRATION", "a");
        user(registry, "integration-b", "INTEGRATION", "b");
        user(registry, "dispatcher-a", "DISPATCHER", "a");
        user(registry, "dispatcher-b", "DISPATCHER", "b");
        user(registry, "manager-a", "MANAGER", "a");
        user(registry, "kpi-a", "KPI_READER", "a");
        user(registry, "admin-a", "ADMIN", "a");
        user(registry, "dispatcher-ab", "DISPATCHER", "a,b");
        // One selection rule of tenant B's own (this list replaces the default rules in this test).
        registry.add("gateway.ranking.selection[0].tenants", () -> "b");
        registry.add("gateway.ranking.selection[0].policy", () -> "customer-first");
        registry.add("gateway.security.oidc.issuer-uri", () -> ISSUER);
        registry.add("gateway.security.oidc.jwk-set-uri", () -> ISSUER_KEYS.baseUrl() + "/discovery/v2.0/keys");
        registry.add("gateway.security.oidc.audience", () -> AUDIENCE);
        registry.add("gateway.security.oidc.role-mapping.[Dispatch.Dispatcher]", () -> "DISPATCHER");
    }

    /** A token as the issuer would sign it; {@code change} alters the claims or the key for the refusal cases. */
    private static String token(java.util.function.Consumer<com.nimbusds.jwt.JWTClaimsSet.Builder> change,
            com.nimbusds.jose.jwk.RSAKey key) {
        java.time.Instant now = java.time.Instant.now();
        var claims = new com.nimbusds.jwt.JWTClaimsSet.Builder().issuer(ISSUER).audience(AUDIENCE)
                .subject("0f7a-user").issueTime(java.util.Date.from(now))
                .expirationTime(java.util.Date.from(now.plusSeconds(600)))
                .claim("preferred_username", "dana@alpha.example").claim("roles", List.of("Dispatch.Dispatcher"))
                .claim("tenants", List.of("a"));
        change.accept(claims);
        try {
            var jwt = new com.nimbusds.jwt.SignedJWT(new com.nimbusds.jose.JWSHeader.Builder(
                    com.nimbusds.jose.JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims.build());
            jwt.sign(new com.nimbusds.jose.crypto.RSASSASigner(key));
            return jwt.serialize();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void user(DynamicPropertyRegistry registry, String name, String role, String tenants) {
        registry.add("gateway.security.users." + name + ".password", () -> "{noop}" + name);
        registry.add("gateway.security.users." + name + ".roles", () -> role);
        registry.add("gateway.security.users." + name + ".tenants", () -> tenants);
    }

    @LocalServerPort
    int port;

    GatewayClient client;
    String jobA;
    String jobB;
    String approvalB;
    String quarantinedB;

    @BeforeAll
    void twoTenants() {
        client = new GatewayClient(port);
        // Tenant B: a top-tier customer (every job waits for approval) and a technician of its own beside the job.
        assertThat(client.send("PUT", "/api/v1/customers/C-B1", "integration-b", """
                {"name": "Bravo Clinic", "tier": "PLATINUM", "notes": "B's alarm code is 4711",
                 "site": {"address": "1600 Glenarm Pl, Denver, CO", "lat": 39.7447, "lon": -104.9903},
                 "entitlement": {"slaTargets": {"HIGH": "PT4H", "NORMAL": "PT8H"},
                   "penalty": {"perBreach": 7500, "perHourLate": 750, "currency": "USD"}}}
                """).statusCode()).isEqualTo(200);
        assertThat(client.send("PUT", "/api/v1/technicians/T-B1", "integration-b", """
                {"name": "Bea Bravo", "skills": {"hvac-heating": 5, "general": 5},
                 "shift": {"days": ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"], "start": "07:00",
                   "end": "19:00"},
                 "homeBase": {"lat": 39.7448, "lon": -104.9904}, "territory": "central",
                 "truckStock": {"FLT-16X25": 10}}
                """).statusCode()).isEqualTo(200);
        assertThat(client.send("PUT", "/api/v1/depots/D-B1", "integration-b", """
                {"name": "Bravo stores", "location": {"lat": 39.745, "lon": -104.99}, "stock": {"FLT-16X25": 5}}
                """).statusCode()).isEqualTo(200);
        assertThat(client.send("PUT", "/api/v1/customers/C-A1", "integration-a", """
                {"name": "Alpha Offices", "tier": "SILVER",
                 "site": {"address": "1600 Glenarm Pl, Denver, CO", "lat": 39.7447, "lon": -104.9903}}
                """).statusCode()).isEqualTo(200);

        // The same source and external id in both tenants: two jobs, neither a duplicate of the other.
        HttpResponse<String> b = client.post("/api/v1/jobs", "integration-b",
                GatewayClient.job("SAME-1", "C-B1", "Furnace not heating, house is cold"));
        HttpResponse<String> a = client.post("/api/v1/jobs", "integration-a",
                GatewayClient.job("SAME-1", "C-A1", "Furnace not heating, house is cold"));
        assertThat(b.statusCode()).as(b.body()).isEqualTo(202);
        assertThat(a.statusCode()).as(a.body()).isEqualTo(202);
        assertThat(parse(a.body()).get("duplicate").asBoolean()).isFalse();
        jobB = parse(b.body()).get("id").asText();
        jobA = parse(a.body()).get("id").asText();
        assertThat(jobA).isNotEqualTo(jobB);

        JsonNode pending = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> client.json("/api/v1/jobs/" + jobB, "dispatcher-b"),
                        job -> "PENDING_APPROVAL".equals(job.get("status").asText()));
        approvalB = pending.at("/approval/id").asText();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> client.json("/api/v1/jobs/" + jobA, "dispatcher-a").get("status").asText(),
                        status -> !List.of("RECEIVED", "CLASSIFIED", "RANKED").contains(status));

        HttpResponse<String> invalid = client.post("/api/v1/jobs", "integration-b",
                "{\"externalId\": \"BAD-B\", \"customerId\": \"C-B1\"}");
        assertThat(invalid.statusCode()).isEqualTo(400);
        quarantinedB = parse(invalid.body()).get("quarantineId").asText();
    }

    @Test
    void logLinesAboutAJobNameItsTenant(org.springframework.boot.test.system.CapturedOutput output) {
        HttpResponse<String> posted = client.post("/api/v1/jobs", "integration-b",
                GatewayClient.job("LOG-B-1", "C-B1", "Furnace not heating"));
        String id = parse(posted.body()).get("id").asText();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(output.getOut().lines()
                .filter(line -> line.contains("job " + id + " waits for a dispatcher"))).isNotEmpty()
                .allMatch(line -> line.contains("tenant=b job=" + id)));
    }

    @Test
    void eachTenantsJobIsItsOwnWithItsTenantInTheReadBack() {
        assertThat(client.json("/api/v1/jobs/" + jobB, "dispatcher-b").get("tenant").asText()).isEqualTo("b");
        assertThat(client.json("/api/v1/jobs/" + jobA, "dispatcher-a").get("tenant").asText()).isEqualTo("a");
        // A user of both tenants and the demo's global dispatcher see both.
        assertThat(client.get("/api/v1/jobs/" + jobB, "dispatcher-ab").statusCode()).isEqualTo(200);
        assertThat(client.get("/api/v1/jobs/" + jobA, "dispatcher").statusCode()).isEqualTo(200);
    }

    @Test
    void nothingOfTenantBAnswersToTenantAsUsersOnAnyEndpoint() {
        List<String> leaks = new ArrayList<>();
        String[][] reads = {
                {"/api/v1/jobs/" + jobB, "dispatcher-a"},
                {"/api/v1/jobs/" + jobB + "/live", "dispatcher-a"},
                {"/api/v1/packs/" + jobB, "dispatcher-a"},
                {"/packs/" + jobB, "dispatcher-a"},
                {"/api/v1/approvals/" + approvalB, "dispatcher-a"},
                {"/approvals/" + approvalB, "manager-a"},
                {"/api/v1/customers/C-B1", "integration-a"},
                {"/api/v1/technicians/T-B1", "dispatcher-a"},
                {"/api/v1/technicians/T-B1/plan", "dispatcher-a"},
        };
        for (String[] read : reads) {
            HttpResponse<String> response = client.get(read[0], read[1]);
            if (response.statusCode() != 404 || response.body().contains("Bravo")) {
                leaks.add("GET " + read[0] + " as " + read[1] + ": " + response.statusCode() + " " + response.body());
            }
        }
        String[][] writes = {
                {"POST", "/api/v1/jobs/" + jobB + "/reassign", "manager-a",
                        "{\"technicianId\": \"T-001\", \"reason\": \"closer\"}"},
                {"POST", "/api/v1/jobs/" + jobB + "/replay", "dispatcher-a", "{}"},
                {"POST", "/api/v1/jobs/" + jobB + "/events", "dispatcher-a", "{\"type\": \"CANCELLED\"}"},
                {"POST", "/api/v1/approvals/" + approvalB + "/decision", "dispatcher-a",
                        "{\"decision\": \"REJECT\", \"comment\": \"not ours\"}"},
                {"PUT", "/api/v1/customers/C-B1", "integration-a",
                        "{\"name\": \"Taken over\", \"tier\": \"BRONZE\"}"},
                {"PUT", "/api/v1/technicians/T-B1", "integration-a",
                        "{\"name\": \"Taken over\", \"homeBase\": {\"lat\": 39.7, \"lon\": -104.9}}"},
                {"POST", "/api/v1/technicians/T-B1/location", "integration-a", "{\"lat\": 39.7, \"lon\": -104.9}"},
                {"PUT", "/api/v1/depots/D-B1", "integration-a",
                        "{\"name\": \"Taken over\", \"location\": {\"lat\": 39.7, \"lon\": -104.9}}"},
                {"POST", "/api/v1/jobs/" + jobB + "/customer-updates/1/sent", "dispatcher-a", null},
        };
        for (String[] write : writes) {
            HttpResponse<String> response = client.send(write[0], write[1], write[2], write[3]);
            if (response.statusCode() != 404) {
                leaks.add(write[0] + " " + write[1] + " as " + write[2] + ": " + response.statusCode() + " "
                        + response.body());
            }
        }
        assertThat(leaks).isEmpty();

        // Unchanged for B.
        JsonNode job = client.json("/api/v1/jobs/" + jobB, "dispatcher-b");
        assertThat(job.get("status").asText()).isEqualTo("PENDING_APPROVAL");
        assertThat(client.json("/api/v1/customers/C-B1", "integration-b").get("name").asText())
                .isEqualTo("Bravo Clinic");
        assertThat(client.json("/api/v1/technicians/T-B1", "integration-b").get("name").asText())
                .isEqualTo("Bea Bravo");
    }

    @Test
    void listsHoldOnlyTheCallersTenants() {
        assertThat(ids(client.json("/api/v1/approvals?status=PENDING", "dispatcher-a").get("items")))
                .doesNotContain(approvalB);
        assertThat(ids(client.json("/api/v1/approvals?status=PENDING", "dispatcher-b").get("items")))
                .contains(approvalB);
        assertThat(ids(client.json("/api/v1/customers?size=500", "integration-a").get("items")))
                .contains("C-A1").doesNotContain("C-B1", "C-0059"); // demo customers are the default tenant's
        assertThat(ids(client.json("/api/v1/technicians?size=500", "dispatcher-a").get("items")))
                .contains("T-001").doesNotContain("T-B1");
        assertThat(ids(client.json("/api/v1/quarantine?size=100", "dispatcher-a").get("items")))
                .doesNotContain(quarantinedB);
        assertThat(ids(client.json("/api/v1/quarantine?size=100", "dispatcher-b").get("items")))
                .contains(quarantinedB);
        assertThat(client.get("/api/v1/exceptions", "dispatcher-a").body()).doesNotContain(jobB);
        assertThat(client.get("/api/v1/write-backs?status=PENDING", "dispatcher-a").body()).doesNotContain(jobB);
        assertThat(client.get("/api/v1/plans/proposals", "dispatcher-a").body()).doesNotContain(jobB);
        assertThat(client.get("/api/v1/depots", "dispatcher-a").body()).doesNotContain("D-B1").contains("D-01");
        assertThat(client.get("/api/v1/kpis/push", "kpi-a").statusCode()).isEqualTo(200);
        HttpResponse<String> facts = client.get("/api/v1/kpis/facts", "kpi-a");
        assertThat(facts.statusCode()).isEqualTo(200);
        assertThat(facts.body()).contains(jobA).doesNotContain(jobB);
        assertThat(client.get("/api/v1/kpis?groupBy=TENANT", "kpi-a").body()).doesNotContain("\"b\"");
        // A tenant's ADMIN reads the administrative audit of its own records; route control and metrics are for
        // users of every tenant.
        HttpResponse<String> audit = client.get("/api/v1/admin/audit", "admin-a");
        assertThat(audit.statusCode()).isEqualTo(200);
        assertThat(audit.body()).contains("customer C-A1 created").doesNotContain("C-B1", "T-B1", "D-B1");
        assertThat(client.get("/api/v1/admin/audit", "admin").body()).contains("C-A1", "C-B1");
        assertThat(client.get("/actuator/metrics", "admin-a").statusCode()).isEqualTo(403);
        assertThat(client.get("/actuator/camelroutes", "admin-a").statusCode()).isEqualTo(403);
    }

    @Test
    void aTenantsDispatcherReplansThatTenantsWorkOnlyAndSeesNoOtherTenantsProposal() {
        JsonNode ofB = parse(client.post("/api/v1/plans/optimize", "dispatcher-b", "{\"seconds\": 1}").body());
        String proposalB = ofB.get("id").asText();
        assertThat(ofB.at("/body/plans").fieldNames()).toIterable().containsOnly("T-B1");
        String before = client.get("/api/v1/plans/proposals/" + proposalB, "dispatcher-b").body();
        HttpResponse<String> ofA = client.post("/api/v1/plans/optimize", "dispatcher-a", "{\"seconds\": 1}");
        assertThat(ofA.statusCode()).as(ofA.body()).isEqualTo(200);
        assertThat(parse(ofA.body()).at("/body/plans").fieldNames()).toIterable().doesNotContain("T-B1", "T-001");
        // A's run leaves B's proposal as it was.
        assertThat(client.get("/api/v1/plans/proposals/" + proposalB, "dispatcher-b").body()).isEqualTo(before)
                .doesNotContain("superseded");
        assertThat(client.get("/api/v1/plans/proposals/" + proposalB, "dispatcher-a").statusCode()).isEqualTo(404);
        assertThat(client.post("/api/v1/plans/proposals/" + proposalB + "/replay", "dispatcher-a", null)
                .statusCode()).isEqualTo(404);
        assertThat(client.post("/api/v1/plans/proposals/" + proposalB + "/decision", "dispatcher-a",
                "{\"decision\": \"REJECT\"}").statusCode()).isEqualTo(404);
        assertThat(ids(client.json("/api/v1/plans/proposals", "dispatcher-a"))).doesNotContain(proposalB);
    }

    @Test
    void policySelectionRulesOfOtherTenantsAreNotShown() {
        assertThat(client.json("/api/v1/policies", "dispatcher-a").get("selection")).isEmpty();
        assertThat(client.json("/api/v1/policies", "dispatcher-b").get("selection").toString())
                .contains("\"b\"", "customer-first");
    }

    @Test
    void anotherTenantsTechniciansAreNeverOfferedNorNamedForItsWork() {
        JsonNode job = client.json("/api/v1/jobs/" + jobA, "dispatcher-a");
        assertThat(job.get("recommendation").toString()).doesNotContain("T-B1");
        JsonNode b = client.json("/api/v1/jobs/" + jobB, "dispatcher-b");
        assertThat(b.at("/recommendation/options").findValuesAsText("technicianId")).contains("T-B1");
    }

    @Test
    void aCallerWritesOnlyForItsOwnTenants() {
        HttpResponse<String> foreign = client.post("/api/v1/jobs", "integration-a",
                GatewayClient.job("A-AS-B", "C-A1", "Furnace not heating").replaceFirst("\\{", "{\"tenant\": \"b\", "));
        assertThat(foreign.statusCode()).isEqualTo(400);
        assertThat(foreign.body()).contains("tenant", "not a tenant you act for");
        // B's customer reads as unknown to A (nothing tells that it exists).
        HttpResponse<String> borrowed = client.post("/api/v1/jobs", "integration-a",
                GatewayClient.job("A-WITH-B", "C-B1", "Furnace not heating"));
        assertThat(borrowed.statusCode()).isEqualTo(400);
        assertThat(borrowed.body()).contains("customerId", "no customer with id 'C-B1' is known for tenant 'a'");
        HttpResponse<String> ambiguous = client.post("/api/v1/jobs", "dispatcher-ab",
                GatewayClient.job("AB-1", "C-A1", "Furnace not heating"));
        assertThat(ambiguous.statusCode()).isEqualTo(400);
        assertThat(ambiguous.body()).contains("tenant", "is required");
        HttpResponse<String> technician = client.send("PUT", "/api/v1/technicians/T-A9", "integration-a", """
                {"name": "Al Alpha", "homeBase": {"lat": 39.7, "lon": -104.9}, "tenants": ["a", "b"]}
                """);
        assertThat(technician.statusCode()).isEqualTo(400);
        assertThat(technician.body()).contains("tenants", "names a tenant you do not act for");
        JsonNode saved = parse(client.send("PUT", "/api/v1/technicians/T-A9", "integration-a", """
                {"name": "Al Alpha", "homeBase": {"lat": 39.7, "lon": -104.9}}
                """).body());
        assertThat(saved.get("tenants").toString()).isEqualTo("[\"a\"]");
        // A shared technician is read by every tenant's users but changed only by a user of every tenant.
        assertThat(client.get("/api/v1/technicians/T-001", "dispatcher-a").statusCode()).isEqualTo(200);
        assertThat(client.send("POST", "/api/v1/technicians/T-001/location", "integration-a",
                "{\"lat\": 39.7, \"lon\": -104.9}").statusCode()).isEqualTo(404);
    }

    @Test
    void bearerTokensFromTheIssuerCarryRolesAndTenants() {
        String dispatcherA = token(claims -> { }, KEY);
        assertThat(client.bearer("GET", "/api/v1/jobs/" + jobA, dispatcherA, null).statusCode()).isEqualTo(200);
        assertThat(client.bearer("GET", "/api/v1/jobs/" + jobB, dispatcherA, null).statusCode()).isEqualTo(404);
        assertThat(client.bearer("GET", "/api/v1/admin/audit", dispatcherA, null).statusCode()).isEqualTo(403);

        // A service's client-credentials token: app roles (its role and its tenant), no user name (the subject).
        String service = token(claims -> claims.subject("app-8d2e").claim("preferred_username", null)
                .claim("roles", List.of("INTEGRATION", "Tenant.b")).claim("tenants", null), KEY);
        HttpResponse<String> posted = client.bearer("POST", "/api/v1/jobs", service,
                GatewayClient.job("JWT-B-1", "C-B1", "Furnace not heating"));
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
        String id = parse(posted.body()).get("id").asText();
        JsonNode job = client.json("/api/v1/jobs/" + id, "dispatcher-b");
        assertThat(job.get("tenant").asText()).isEqualTo("b");
        assertThat(job.at("/audit/0/actor").asText()).isEqualTo("user:app-8d2e");

        // A token with no tenants claim acts for none; one with an unknown role has none.
        String noTenants = token(claims -> claims.claim("tenants", null), KEY);
        assertThat(client.bearer("GET", "/api/v1/jobs/" + jobA, noTenants, null).statusCode()).isEqualTo(404);
        String noRole = token(claims -> claims.claim("roles", List.of("Technician.Everything")), KEY);
        assertThat(client.bearer("GET", "/api/v1/jobs/" + jobA, noRole, null).statusCode()).isEqualTo(403);
    }

    @Test
    void bearerTokensOfAnotherIssuerAudienceKeyOrTimeAreRefused() {
        java.time.Instant past = java.time.Instant.now().minusSeconds(7200);
        List<String> refused = List.of(
                token(claims -> claims.issuer("https://login.example.test/other-tenant/v2.0"), KEY),
                token(claims -> claims.audience("api://another-app"), KEY),
                token(claims -> claims.issueTime(java.util.Date.from(past))
                        .expirationTime(java.util.Date.from(past.plusSeconds(600))), KEY),
                token(claims -> { }, rsaKey("issuer-key")), // same key id, another key: the signature fails
                token(claims -> { }, KEY).replaceFirst("\\.[^.]+\\.", ".e30."), // claims replaced after signing
                "not-a-token");
        for (String token : refused) {
            HttpResponse<String> response = client.bearer("GET", "/api/v1/jobs/" + jobA, token, null);
            assertThat(response.statusCode()).as(token).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                    value -> assertThat(value).startsWith("Bearer"));
            assertThat(response.body()).contains("bearer token is not accepted").doesNotContain("Exception");
        }
    }

    private static List<String> ids(JsonNode items) {
        List<String> ids = new ArrayList<>();
        items.forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }
}
