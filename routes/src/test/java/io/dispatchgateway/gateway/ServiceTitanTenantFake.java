package io.dispatchgateway.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A ServiceTitan tenant with a past, served with the state it keeps: thousands of customers mostly unchanged for
 * months (each with one location), a few technicians, a week of jobs in every status, open jobs (some booked weeks
 * ago and unchanged since) of which the office already staffed some, their appointments, the appointment
 * assignments and job notes the gateway writes. Paging
 * ({@code page}, {@code pageSize}, {@code hasMore}), {@code modifiedOnOrAfter}, {@code jobStatus}, {@code sort=+ModifiedOn},
 * {@code ids} (refused above 50, as documented), {@code active} and the write endpoints behave as the published
 * documents describe, and so does the appointment-assignments export feed (every change, the gateway's and the
 * office's, with continuation tokens). One assign can be made to land and then hang, so a test can kill the gateway
 * mid-write-back; the office can reassign a visit; and the tenant can turn busy (429s, 503s, slow answers).
 */
final class ServiceTitanTenantFake implements AutoCloseable {

    static final String TENANT = "7654321";
    static final long OFFICE_TECHNICIAN = 102;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** An assign-technicians call as received. */
    record Assign(long appointmentId, List<Long> technicianIds) {}

    /** A note as received. */
    record Note(long jobId, String text) {}

    private final HttpServer server;
    private final Instant now;
    private final List<ObjectNode> customers = new ArrayList<>();
    private final List<ObjectNode> jobs = new ArrayList<>();
    private final Map<Long, ObjectNode> appointments = new HashMap<>();
    /** appointment id to the active technicians on it */
    private final Map<Long, List<Long>> assigned = new ConcurrentHashMap<>();
    private final Map<Long, List<String>> notes = new ConcurrentHashMap<>();
    final List<Assign> assigns = new CopyOnWriteArrayList<>();
    final List<Assign> unassigns = new CopyOnWriteArrayList<>();
    final List<Note> notesPosted = new CopyOnWriteArrayList<>();
    final List<String> refused = new CopyOnWriteArrayList<>();
    final Set<Long> openUnstaffed = ConcurrentHashMap.newKeySet();
    final Set<Long> officeStaffed = ConcurrentHashMap.newKeySet();
    final Set<Long> closedOrInField = ConcurrentHashMap.newKeySet();
    /** Every change to an appointment assignment, in order: what the export feed serves. */
    private final List<ObjectNode> assignmentChanges = new CopyOnWriteArrayList<>();
    /** Where each export read started, in the change list. */
    final List<Integer> exportReads = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger requests = new java.util.concurrent.atomic.AtomicInteger();
    final java.util.concurrent.atomic.AtomicInteger faults = new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean faulty;
    private volatile int hangOnAssign = -1;
    final CountDownLatch hanging = new CountDownLatch(1);

    /**
     * @param customerCount customers, modified over the last two years (a few this week)
     * @param openJobs Scheduled jobs with an appointment ahead; every fourth is staffed by the office
     * @param historyJobs jobs of the past week in every other status
     */
    ServiceTitanTenantFake(int customerCount, int openJobs, int historyJobs, long seed) throws IOException {
        now = Instant.now();
        Random random = new Random(seed);
        for (int c = 1; c <= customerCount; c++) {
            Instant modified = c % 100 == 0 ? now.minus(Duration.ofHours(1 + random.nextInt(100)))
                    : now.minus(Duration.ofDays(8 + random.nextInt(720)));
            ObjectNode customer = JSON.createObjectNode().put("id", c).put("active", c % 97 != 0)
                    .put("name", "Customer " + c).put("type", c % 3 == 0 ? "Commercial" : "Residential")
                    .put("modifiedOn", modified.toString());
            customer.set("address", address(random));
            customers.add(customer);
        }
        customers.sort(Comparator.comparing(c -> c.get("modifiedOn").asText()));
        String[] history = {"Completed", "Canceled", "Dispatched", "InProgress", "Hold"};
        long jobId = 50_000;
        for (int i = 0; i < historyJobs + openJobs; i++) {
            boolean open = i >= historyJobs;
            long id = jobId++;
            long customer = 1 + random.nextInt(customerCount);
            // Some open jobs were booked weeks ago and have not changed since.
            Instant modified = open ? (i % 5 == 0 ? now.minus(Duration.ofDays(20 + i % 20))
                    : now.minus(Duration.ofMinutes(30 + i % 60))) : now.minus(Duration.ofHours(1 + random.nextInt(160)));
            String status = open ? "Scheduled" : history[i % history.length];
            ObjectNode job = JSON.createObjectNode().put("id", id).put("jobNumber", String.valueOf(id))
                    .put("customerId", customer).put("locationId", 100_000 + customer).put("jobStatus", status)
                    .put("priority", "Normal").put("summary", i % 2 == 0 ? "Kitchen drain clogged"
                            : "Toilet keeps running").put("firstAppointmentId", 200_000 + id)
                    .put("createdOn", modified.minus(Duration.ofMinutes(5)).toString())
                    .put("modifiedOn", modified.toString());
            jobs.add(job);
            Instant start = now.plus(Duration.ofHours(1 + i % 20));
            ObjectNode appointment = JSON.createObjectNode().put("id", 200_000 + id).put("jobId", id)
                    .put("appointmentNumber", id + "-1").put("status", open ? "Scheduled"
                            : status.equals("Completed") ? "Done" : status.equals("Canceled") ? "Canceled"
                                    : status.equals("Hold") ? "Hold" : status)
                    .put("active", true).put("start", start.toString())
                    .put("end", start.plus(Duration.ofHours(28)).toString());
            appointment.putNull("arrivalWindowStart");
            appointment.putNull("arrivalWindowEnd");
            appointments.put(200_000 + id, appointment);
            job.put("businessUnitId", 1 + i % 2);
            job.putArray("tagTypeIds").add(i % 3 == 0 ? 7 : 8);
            if (open && (i - historyJobs) % 4 == 3) {
                officeStaffed.add(id);
                assigned.put(200_000 + id, new CopyOnWriteArrayList<>(List.of(OFFICE_TECHNICIAN)));
                assignmentChanges.add(assignment(200_000 + id, OFFICE_TECHNICIAN, true, modified));
            } else if (open) {
                openUnstaffed.add(id);
            } else {
                closedOrInField.add(id);
                if (!status.equals("Canceled")) {
                    assigned.put(200_000 + id, new CopyOnWriteArrayList<>(List.of(101L)));
                }
            }
        }
        jobs.sort(Comparator.comparing(j -> j.get("modifiedOn").asText()));
        assignmentChanges.sort(Comparator.comparing(a -> a.get("modifiedOn").asText()));
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(8, task -> {
            Thread thread = new Thread(task, "servicetitan-fake");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    /** Makes the {@code n}th assign (1-based) land, then never answer. */
    void hangOnAssign(int n) {
        hangOnAssign = n;
    }

    /**
     * From now on, as a busy tenant answers: every 9th request throttled (429 with Retry-After), every 14th a 503,
     * every 20th slow (1.5 s); a write that fails this way does not land.
     */
    void faulty() {
        faulty = true;
    }

    /**
     * The office, in ServiceTitan, takes whoever is on the job's visit off and puts {@code technician} on it.
     *
     * @return how many changes the export feed has with this one: a read that starts there came after it
     */
    int officeReassigns(long jobId, long technician) {
        long appointment = 200_000 + jobId;
        List<Long> on = assigned.computeIfAbsent(appointment, a -> new CopyOnWriteArrayList<>());
        for (long previous : List.copyOf(on)) {
            on.remove(previous);
            assignmentChanges.add(assignment(appointment, previous, false, Instant.now()));
        }
        on.add(technician);
        assignmentChanges.add(assignment(appointment, technician, true, Instant.now()));
        return assignmentChanges.size();
    }

    private static ObjectNode assignment(long appointment, long technician, boolean active, Instant modified) {
        return JSON.createObjectNode().put("id", appointment * 1000 + technician).put("technicianId", technician)
                .put("technicianName", "T" + technician).put("assignedById", 5).put("assignedOn", modified.toString())
                .put("status", "Scheduled").put("isPaused", false).put("jobId", appointment - 200_000)
                .put("appointmentId", appointment).put("createdOn", modified.toString())
                .put("modifiedOn", modified.toString()).put("active", active);
    }

    /**
     * The export feed of assignment changes: {@code from} is a token this feed gave ("c" and the next change's
     * index) or a date to start at; 100 changes a call.
     */
    private String exportAssignments(Map<String, String> query) {
        String from = query.get("from");
        int start = 0;
        if (from != null && from.startsWith("c")) {
            start = Integer.parseInt(from.substring(1));
        } else if (from != null) {
            Instant since = java.time.LocalDate.parse(from.substring(0, 10)).atStartOfDay(java.time.ZoneOffset.UTC)
                    .toInstant();
            while (start < assignmentChanges.size()
                    && Instant.parse(assignmentChanges.get(start).get("modifiedOn").asText()).isBefore(since)) {
                start++;
            }
        }
        exportReads.add(start);
        List<ObjectNode> changes = List.copyOf(assignmentChanges);
        int end = Math.min(changes.size(), start + 100);
        ObjectNode answer = JSON.createObjectNode().put("hasMore", end < changes.size())
                .put("continueFrom", "c" + end);
        ArrayNode data = answer.putArray("data");
        changes.subList(Math.min(start, end), end).forEach(data::add);
        return answer.toString();
    }

    /** The technicians on a job's appointment now. */
    List<Long> onAppointment(long jobId) {
        return assigned.getOrDefault(200_000 + jobId, List.of());
    }

    private ObjectNode address(Random random) {
        return JSON.createObjectNode().put("street", random.nextInt(9000) + " Colfax Ave").put("city", "Denver")
                .put("state", "CO").put("zip", "80202").put("country", "USA")
                .put("latitude", 39.70 + random.nextDouble() * 0.1).put("longitude", -105.02 + random.nextDouble() * 0.1);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            String method = exchange.getRequestMethod();
            if (path.equals("/connect/token")) {
                send(exchange, 200, "{\"access_token\":\"t-" + System.nanoTime()
                        + "\",\"token_type\":\"Bearer\",\"expires_in\":900}");
                return;
            }
            String prefix = "/v2/tenant/" + TENANT;
            int at = path.indexOf(prefix);
            if (at < 0) {
                send(exchange, 404, "{}");
                return;
            }
            if (faulty) {
                int n = requests.incrementAndGet();
                if (n % 9 == 0) {
                    faults.incrementAndGet();
                    exchange.getResponseHeaders().add("Retry-After", "1");
                    send(exchange, 429, "{\"title\":\"Too Many Requests\"}");
                    return;
                }
                if (n % 14 == 0) {
                    faults.incrementAndGet();
                    send(exchange, 503, "{\"title\":\"Service Unavailable\"}");
                    return;
                }
                if (n % 20 == 0) {
                    sleep(1_500);
                }
            }
            String module = path.substring(1, at);
            String resource = path.substring(at + prefix.length());
            String ids = query.get("ids");
            if (ids != null && ids.split(",").length > 50) {
                refused.add(path + " with " + ids.split(",").length + " ids");
                send(exchange, 400, "{\"title\":\"ids: at most 50\"}");
                return;
            }
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String answer = switch (method + " " + module + resource.replaceAll("/\\d+/", "/{id}/")) {
                case "GET crm/customers" -> page(filter(customers, query, "modifiedOn"), query);
                case "GET crm/locations" -> page(locations(query), query);
                case "GET settings/technicians" -> page(technicians(query), query);
                case "GET dispatch/zones", "GET dispatch/technician-shifts", "GET jpm/job-types" ->
                        page(List.of(), query);
                case "GET settings/business-units" -> page(List.of(named(1, "Plumbing Service"),
                        named(2, "Drains")), query);
                case "GET settings/tag-types" -> page(List.of(named(7, "Member"), named(8, "Repeat caller")), query);
                case "GET dispatch/export/appointment-assignments" -> exportAssignments(query);
                case "GET jpm/jobs" -> page(filter(jobs, query, "modifiedOn"), query);
                case "GET jpm/appointments" -> page(appointments(query), query);
                case "GET dispatch/appointment-assignments" -> page(assignments(query), query);
                case "POST dispatch/appointment-assignments/assign-technicians" -> assign(body);
                case "POST dispatch/appointment-assignments/unassign-technicians" -> unassign(body);
                case "GET jpm/jobs/{id}/notes" -> page(notes(resource), query);
                case "POST jpm/jobs/{id}/notes" -> note(resource, body);
                default -> null;
            };
            if (answer == null) {
                send(exchange, 404, "{\"title\":\"not in this fake: " + method + " " + path + "\"}");
            } else {
                send(exchange, 200, answer);
            }
        } catch (RuntimeException e) {
            send(exchange, 500, "{\"title\":\"" + e.getMessage() + "\"}");
        }
    }

    private List<ObjectNode> filter(List<ObjectNode> all, Map<String, String> query, String modifiedField) {
        Predicate<ObjectNode> keep = record -> true;
        String since = query.get("modifiedOnOrAfter");
        if (since != null) {
            Instant from = Instant.parse(since);
            keep = keep.and(r -> !Instant.parse(r.get(modifiedField).asText()).isBefore(from));
        }
        if (query.containsKey("ids")) {
            Set<String> wanted = Set.of(query.get("ids").split(","));
            keep = keep.and(r -> wanted.contains(r.get("id").asText()));
        }
        if (query.containsKey("jobStatus")) {
            String status = query.get("jobStatus");
            keep = keep.and(r -> status.equals(r.path("jobStatus").asText()));
        }
        String active = query.getOrDefault("active", "True");
        if (!active.equalsIgnoreCase("Any")) {
            boolean want = active.equalsIgnoreCase("True");
            keep = keep.and(r -> !r.has("active") || r.get("active").asBoolean() == want);
        }
        return all.stream().filter(keep).toList();
    }

    private List<ObjectNode> locations(Map<String, String> query) {
        List<ObjectNode> found = new ArrayList<>();
        for (String id : query.getOrDefault("ids", "").split(",")) {
            if (id.isBlank()) {
                continue;
            }
            long customer = Long.parseLong(id) - 100_000;
            if (customer >= 1 && customer <= customers.size()) {
                ObjectNode owner = customers.stream().filter(c -> c.get("id").asLong() == customer).findFirst()
                        .orElseThrow();
                ObjectNode location = JSON.createObjectNode().put("id", Long.parseLong(id)).put("customerId", customer)
                        .put("active", true).put("name", "Main");
                location.set("address", owner.get("address"));
                found.add(location);
            }
        }
        return found;
    }

    private List<ObjectNode> technicians(Map<String, String> query) {
        List<ObjectNode> all = new ArrayList<>();
        String[][] roster = {{"101", "Ana Ruiz", "plumbing"}, {"102", "Ben Okafor", "plumbing"},
            {"103", "Cleo Park", "electrical"}};
        for (String[] t : roster) {
            ObjectNode technician = JSON.createObjectNode().put("id", Long.parseLong(t[0])).put("name", t[1])
                    .put("active", true).put("modifiedOn", now.minus(Duration.ofDays(200)).toString());
            ArrayNode skills = technician.putArray("skills");
            skills.addObject().put("id", 1).put("name", t[2]);
            skills.addObject().put("id", 2).put("name", "general");
            all.add(technician);
        }
        return filter(all, query, "modifiedOn");
    }

    private List<ObjectNode> appointments(Map<String, String> query) {
        List<ObjectNode> found = new ArrayList<>();
        if (query.containsKey("ids")) {
            for (String id : query.get("ids").split(",")) {
                ObjectNode appointment = appointments.get(Long.parseLong(id));
                if (appointment != null) {
                    found.add(appointment);
                }
            }
        } else if (query.containsKey("jobId")) {
            long job = Long.parseLong(query.get("jobId"));
            appointments.values().stream().filter(a -> a.get("jobId").asLong() == job).forEach(found::add);
        }
        return found;
    }

    private List<ObjectNode> assignments(Map<String, String> query) {
        List<ObjectNode> found = new ArrayList<>();
        for (String id : query.getOrDefault("appointmentIds", "").split(",")) {
            if (id.isBlank()) {
                continue;
            }
            long appointment = Long.parseLong(id);
            for (long technician : assigned.getOrDefault(appointment, List.of())) {
                found.add(JSON.createObjectNode().put("id", appointment * 1000 + technician)
                        .put("technicianId", technician).put("appointmentId", appointment)
                        .put("jobId", appointment - 200_000).put("active", true));
            }
        }
        return found;
    }

    private String assign(String body) {
        JsonNode request = read(body);
        long appointment = request.get("jobAppointmentId").asLong();
        List<Long> technicians = new ArrayList<>();
        request.get("technicianIds").forEach(t -> technicians.add(t.asLong()));
        assigns.add(new Assign(appointment, technicians));
        List<Long> on = assigned.computeIfAbsent(appointment, a -> new CopyOnWriteArrayList<>());
        technicians.stream().filter(t -> !on.contains(t)).forEach(t -> {
            on.add(t);
            assignmentChanges.add(assignment(appointment, t, true, Instant.now()));
        });
        if (assigns.size() == hangOnAssign) {
            hanging.countDown(); // landed; the answer never comes
            try {
                Thread.sleep(120_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return "{}";
    }

    private String unassign(String body) {
        JsonNode request = read(body);
        long appointment = request.get("jobAppointmentId").asLong();
        List<Long> technicians = new ArrayList<>();
        request.get("technicianIds").forEach(t -> technicians.add(t.asLong()));
        unassigns.add(new Assign(appointment, technicians));
        List<Long> on = assigned.getOrDefault(appointment, new ArrayList<>());
        technicians.stream().filter(on::contains).forEach(t -> {
            on.remove(t);
            assignmentChanges.add(assignment(appointment, t, false, Instant.now()));
        });
        return "{}";
    }

    private List<ObjectNode> notes(String resource) {
        long job = Long.parseLong(resource.split("/")[2]);
        return notes.getOrDefault(job, List.of()).stream()
                .map(text -> JSON.createObjectNode().put("text", text).put("isPinned", false)
                        .put("createdById", 1).put("createdOn", now.toString()))
                .toList();
    }

    private String note(String resource, String body) {
        long job = Long.parseLong(resource.split("/")[2]);
        String text = read(body).get("text").asText();
        notesPosted.add(new Note(job, text));
        notes.computeIfAbsent(job, j -> new CopyOnWriteArrayList<>()).add(text);
        return JSON.createObjectNode().put("text", text).toString();
    }

    private static ObjectNode named(long id, String name) {
        return JSON.createObjectNode().put("id", id).put("name", name).put("active", true);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String page(List<ObjectNode> all, Map<String, String> query) {
        int page = Integer.parseInt(query.getOrDefault("page", "1"));
        int size = Integer.parseInt(query.getOrDefault("pageSize", "50"));
        int from = Math.min(all.size(), (page - 1) * size);
        int to = Math.min(all.size(), from + size);
        ObjectNode answer = JSON.createObjectNode().put("page", page).put("pageSize", size)
                .put("hasMore", to < all.size());
        ArrayNode data = answer.putArray("data");
        all.subList(from, to).forEach(data::add);
        return answer.toString();
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw == null) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.put(key, value);
        }
        return query;
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    /** The open jobs' ids by kind, for messages. */
    String describe() {
        return Arrays.asList("open " + openUnstaffed.size(), "office " + officeStaffed.size(), "history "
                + closedOrInField.size()).stream().collect(Collectors.joining(", "));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
