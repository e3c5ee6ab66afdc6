package io.dispatchgateway.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The ServiceTitan adapter on a tenant with a past (a stateful fake: 3,000 customers mostly unchanged for months,
 * a week of jobs in every status, open jobs of which the office staffed every fourth), with the gateway in a child
 * JVM killed while ServiceTitan takes a write-back whose answer never comes. Restarted on the same data: every
 * open job is ingested once, the office's stay with the office's technician and get no write, nothing closed or
 * in the field is dispatched, and every other open job has exactly one technician and one note, the one whose
 * write-back was cut off included, while ServiceTitan throttles (429 with Retry-After), fails (503) and answers
 * slowly. A job the office then moves to another technician in ServiceTitan is the office's in the gateway, with
 * nothing written back.
 */
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(ChildGateways.LOCK)
class ServiceTitanTenantIT {

    private static final int CUSTOMERS = 3_000;
    private static final int OPEN = 64;
    private static final int HISTORY = 120;

    @TempDir
    Path dataDir;

    private long officeMoved;
    private long officeTechnician;

    @Test
    void aTenantWithYearsOfCustomersAndAnOfficeIsIngestedOnceAndWrittenBackOnceThroughACrash() throws Exception {
        try (ServiceTitanTenantFake tenant = new ServiceTitanTenantFake(CUSTOMERS, OPEN, HISTORY, 11)) {
            tenant.hangOnAssign(4);
            tenant.faulty(); // 429s with Retry-After, 503s and slow answers throughout
            int port = freePort();
            Process first = start(port, tenant);
            try {
                assertThat(tenant.hanging.await(3, TimeUnit.MINUTES)).as("a write-back reached ServiceTitan")
                        .isTrue();
                first.destroyForcibly(); // ServiceTitan has the assignment; the gateway never heard back
                assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
            } finally {
                first.destroyForcibly();
            }
            int assignsBeforeRestart = tenant.assigns.size();

            Process second = start(port, tenant);
            try {
                // Every open job the gateway dispatches ends with one technician and one note in ServiceTitan.
                List<Long> waiting = new java.util.concurrent.CopyOnWriteArrayList<>();
                try {
                    await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                        waiting.clear();
                        List<String> why = new ArrayList<>();
                        for (long job : tenant.openUnstaffed) {
                            long notes = tenant.notesPosted.stream().filter(n -> n.jobId() == job).count();
                            if (tenant.onAppointment(job).size() != 1 || notes != 1) {
                                waiting.add(job);
                                why.add(job + ": technicians " + tenant.onAppointment(job) + ", notes " + notes);
                            }
                        }
                        assertThat(why).as(tenant.describe()).isEmpty();
                    });
                } catch (AssertionError | RuntimeException e) {
                    second.destroyForcibly();
                    second.waitFor(30, TimeUnit.SECONDS);
                    printEvidence(waiting);
                    throw e;
                }
                // The office moves one of the gateway's jobs to another technician in ServiceTitan: the gateway
                // takes it as the office's (by the next read of the assignments feed) and writes nothing.
                long moved = tenant.openUnstaffed.stream().sorted().findFirst().orElseThrow();
                officeTechnician = tenant.onAppointment(moved).get(0) == 103L ? 101L : 103L;
                officeMoved = moved;
                int change = tenant.officeReassigns(moved, officeTechnician);
                await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
                        .until(() -> tenant.exportReads.stream().anyMatch(start -> start >= change));
            } finally {
                second.destroyForcibly();
                assertThat(second.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            System.out.printf("ServiceTitanTenantIT: %s; %d assigns (%d before the kill), %d notes, %d unassigns,"
                    + " %d answers were 429 or 503%n", tenant.describe(), tenant.assigns.size(), assignsBeforeRestart,
                    tenant.notesPosted.size(), tenant.unassigns.size(), tenant.faults.get());
            assertThat(tenant.faults.get()).as("ServiceTitan was busy").isPositive();

            // ServiceTitan's side: nothing written twice, nothing written to work that is not the gateway's.
            assertThat(tenant.refused).as("requests over ServiceTitan's documented limits").isEmpty();
            Map<Long, Integer> assignsPerAppointment = new HashMap<>();
            tenant.assigns.forEach(a -> assignsPerAppointment.merge(a.appointmentId(), 1, Integer::sum));
            assertThat(assignsPerAppointment.values()).as("assigns per appointment").allMatch(n -> n == 1);
            assertThat(tenant.assigns).hasSize(tenant.openUnstaffed.size());
            assertThat(tenant.unassigns).isEmpty();
            for (long job : tenant.officeStaffed) {
                assertThat(tenant.onAppointment(job)).containsExactly(ServiceTitanTenantFake.OFFICE_TECHNICIAN);
                assertThat(tenant.notesPosted).noneMatch(n -> n.jobId() == job);
            }
            assertThat(tenant.notesPosted).noneMatch(n -> tenant.closedOrInField.contains(n.jobId()));

            // The gateway's side: every open job once, the office's held with the office's technician.
            try (Connection db = DriverManager.getConnection("jdbc:h2:file:" + dataDir.resolve("dispatch-gateway")
                    + ";ACCESS_MODE_DATA=r", "sa", "")) {
                Map<String, String[]> jobs = new HashMap<>();
                try (ResultSet rs = db.createStatement().executeQuery("SELECT external_id, status,"
                        + " assigned_technician_id, assignment FROM job WHERE source = 'servicetitan'")) {
                    while (rs.next()) {
                        jobs.put(rs.getString(1), new String[] {rs.getString(2), rs.getString(3), rs.getString(4)});
                    }
                }
                assertThat(jobs).hasSize(OPEN);
                for (long job : tenant.officeStaffed) {
                    String[] row = jobs.get(String.valueOf(job));
                    assertThat(row[0]).isEqualTo("ASSIGNED");
                    assertThat(row[1]).isEqualTo(String.valueOf(ServiceTitanTenantFake.OFFICE_TECHNICIAN));
                    assertThat(row[2]).contains("\"mode\":\"IMPORTED\"");
                }
                for (long job : tenant.openUnstaffed) {
                    assertThat(jobs.get(String.valueOf(job))[1]).isEqualTo(String.valueOf(tenant.onAppointment(job)
                            .get(0)));
                }
                String[] moved = jobs.get(String.valueOf(officeMoved));
                assertThat(moved[1]).as("the job the office moved").isEqualTo(String.valueOf(officeTechnician));
                assertThat(moved[2]).contains("\"mode\":\"IMPORTED\"");
                try (ResultSet rs = db.createStatement().executeQuery("SELECT COUNT(*) FROM customer")) {
                    rs.next();
                    assertThat(rs.getLong(1)).as("every customer, however old").isEqualTo(CUSTOMERS);
                }
            }
        }
    }

    private Process start(int port, ServiceTitanTenantFake tenant) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "io.dispatchgateway.gateway.DispatchGatewayApplication", "--spring.profiles.active=demo",
                "--server.port=" + port, "--gateway.data-dir=" + dataDir, "--gateway.planning.optimize=false",
                "--gateway.roster-location=classpath:servicetitan/roster.json",
                "--gateway.approval.close-call-margin=0",
                "--gateway.adapters.servicetitan.enabled=true",
                "--gateway.adapters.servicetitan.base-url=" + tenant.baseUrl(),
                "--gateway.adapters.servicetitan.auth-url=" + tenant.baseUrl(),
                "--gateway.adapters.servicetitan.tenant-id=" + ServiceTitanTenantFake.TENANT,
                "--gateway.adapters.servicetitan.client-id=client-1",
                "--gateway.adapters.servicetitan.client-secret=secret-1",
                "--gateway.adapters.servicetitan.app-key=app-key-1",
                "--gateway.adapters.servicetitan.poll-interval=2s",
                "--gateway.adapters.servicetitan.request-timeout=60s",
                "--gateway.write-back.interval=1s", "--gateway.write-back.initial-backoff=500ms",
                "--gateway.recovery.interval=2s", "--gateway.recovery.stalled-after=5s",
                "--logging.level.root=WARN", "--logging.level.io.dispatchgateway=INFO"));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.redirectErrorStream(true);
        builder.redirectOutput(dataDir.resolve("gateway-" + System.nanoTime() + ".log").toFile());
        return builder.start();
    }

    /** The gateway's record of the jobs still waiting (row, audit, write-backs) and its warnings, for the log. */
    private void printEvidence(List<Long> waiting) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:h2:file:" + dataDir.resolve("dispatch-gateway")
                + ";ACCESS_MODE_DATA=r", "sa", "")) {
            for (long job : waiting) {
                try (ResultSet rs = db.createStatement().executeQuery("SELECT j.id, j.status, j.assigned_technician_id,"
                        + " a.at, a.actor, a.action, a.detail FROM job j LEFT JOIN audit a ON a.job_id = j.id"
                        + " WHERE j.source = 'servicetitan' AND j.external_id = '" + job + "' ORDER BY a.seq")) {
                    while (rs.next()) {
                        System.out.printf("ServiceTitanTenantIT: %d %s %s %s | %s %s %s %s%n", job, rs.getString(1),
                                rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                                rs.getString(7));
                    }
                }
                try (ResultSet rs = db.createStatement().executeQuery("SELECT w.status, w.attempts, w.next_attempt_at,"
                        + " w.last_error FROM write_back w JOIN job j ON j.id = w.job_id WHERE j.external_id = '"
                        + job + "'")) {
                    while (rs.next()) {
                        System.out.printf("ServiceTitanTenantIT: %d write-back %s after %d, next %s: %s%n", job,
                                rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4));
                    }
                }
            }
        }
        List<Path> logs;
        try (var files = Files.list(dataDir)) {
            logs = files.filter(f -> f.getFileName().toString().startsWith("gateway-")).sorted().toList();
        }
        for (Path log : logs) {
            List<String> warnings = Files.readAllLines(log).stream().filter(line -> line.contains(" ERROR ")
                    || line.contains(" WARN ") && !line.contains("ServiceTitanClient")).toList();
            System.out.printf("ServiceTitanTenantIT: %s, warnings other than retried requests:%n", log.getFileName());
            warnings.subList(Math.max(0, warnings.size() - 60), warnings.size()).forEach(System.out::println);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
