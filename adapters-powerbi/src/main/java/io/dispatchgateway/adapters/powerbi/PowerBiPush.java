package io.dispatchgateway.adapters.powerbi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dispatchgateway.core.port.KpiPush;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes KPI fact rows into a Power BI push dataset. The dataset (push mode, no retention policy, so no row is
 * dropped) and its table are created when missing. Requests keep to Power BI's push limits: at most
 * {@code maxRowsPerRequest} rows each, {@code requestsPerMinute} per rolling minute and {@code maxInFlight} at
 * once; a 429 stops all pushes until its Retry-After has passed. Every refusal throws, so the rows stay in the
 * gateway's outbox.
 */
public class PowerBiPush implements KpiPush {

    /** Columns of the fact table and their Power BI data types. */
    static final Map<String, String> COLUMNS = columns();

    private static final Logger LOG = LoggerFactory.getLogger(PowerBiPush.class);
    private static final Duration WINDOW = Duration.ofMinutes(1);

    private final HttpClient http;
    private final ObjectMapper json;
    private final PowerBiProperties properties;
    private final EntraTokens tokens;
    private final Clock clock;
    private final Semaphore inFlight;
    private final Deque<Instant> recentRequests = new ArrayDeque<>();
    private Instant pausedUntil = Instant.MIN;
    private final Map<PowerBiProperties.Target, String> datasetIds = new java.util.concurrent.ConcurrentHashMap<>();

    public PowerBiPush(HttpClient http, ObjectMapper json, PowerBiProperties properties, Clock clock) {
        this.http = http;
        this.json = json;
        this.properties = properties;
        this.clock = clock;
        this.tokens = new EntraTokens(http, properties);
        this.inFlight = new Semaphore(properties.maxInFlight(), true);
    }

    @Override
    public int maxRowsPerBatch() {
        return properties.maxRowsPerRequest();
    }

    @Override
    public int maxBatchesInFlight() {
        return properties.maxInFlight();
    }

    @Override
    public void push(List<FactRow> rows) {
        if (rows.size() > properties.maxRowsPerRequest()) {
            throw new IllegalArgumentException(rows.size() + " rows in one push; Power BI takes at most "
                    + properties.maxRowsPerRequest());
        }
        if (rows.isEmpty()) {
            return;
        }
        // The outbox hands over one tenant's rows per batch; each tenant's go to its own dataset when it has one.
        PowerBiProperties.Target target = properties.target(rows.get(0).tenant());
        if (rows.stream().anyMatch(row -> !properties.target(row.tenant()).equals(target))) {
            throw new IllegalArgumentException("one push holds the rows of one dataset only");
        }
        String dataset = dataset(target);
        String body = write(rowsBody(rows));
        takeRequestSlot();
        inFlight.acquireUninterruptibly();
        try {
            HttpResponse<String> response = send("POST", "/groups/" + target.workspaceId() + "/datasets/"
                    + dataset + "/tables/" + encode(properties.tableName()) + "/rows", body);
            int status = response.statusCode();
            if (status == 200 || status == 201) {
                return;
            }
            throw refusal(status, response, rows.size() + " rows", true);
        } finally {
            inFlight.release();
        }
    }

    /** The default push dataset's id, found by name or created with its table. */
    String dataset() {
        return dataset(properties.target(null));
    }

    /** The id of {@code target}'s push dataset, found by name or created with its table. */
    String dataset(PowerBiProperties.Target target) {
        String known = datasetIds.get(target);
        if (known != null) {
            return known;
        }
        synchronized (this) {
            return datasetIds.computeIfAbsent(target, this::findOrCreateDataset);
        }
    }

    private String findOrCreateDataset(PowerBiProperties.Target target) {
        String group = "/groups/" + target.workspaceId() + "/datasets";
        HttpResponse<String> list = send("GET", group, null);
        if (list.statusCode() != 200) {
            throw refusal(list.statusCode(), list, "the dataset list", false);
        }
        for (JsonNode dataset : read(list.body()).path("value")) {
            if (target.datasetName().equals(dataset.path("name").asText())) {
                String id = dataset.path("id").asText();
                ensureTable(group + "/" + id);
                return id;
            }
        }
        ObjectNode create = json.createObjectNode();
        create.put("name", target.datasetName());
        create.put("defaultMode", "Push");
        create.putArray("tables").add(table());
        HttpResponse<String> created = send("POST", group + "?defaultRetentionPolicy=None", write(create));
        if (created.statusCode() != 201 && created.statusCode() != 202 && created.statusCode() != 200) {
            throw refusal(created.statusCode(), created, "the dataset creation", false);
        }
        String id = read(created.body()).path("id").asText();
        LOG.info("Created the Power BI push dataset '{}' ({}) with table '{}'", target.datasetName(), id,
                properties.tableName());
        return id;
    }

    private void ensureTable(String dataset) {
        HttpResponse<String> tables = send("GET", dataset + "/tables", null);
        if (tables.statusCode() != 200) {
            throw refusal(tables.statusCode(), tables, "the table list", false);
        }
        for (JsonNode table : read(tables.body()).path("value")) {
            if (properties.tableName().equals(table.path("name").asText())) {
                return;
            }
        }
        HttpResponse<String> put = send("PUT", dataset + "/tables/" + encode(properties.tableName()), write(table()));
        if (put.statusCode() != 200 && put.statusCode() != 201) {
            throw refusal(put.statusCode(), put, "the table creation", false);
        }
        LOG.info("Added table '{}' to the Power BI dataset '{}'", properties.tableName(), dataset);
    }

    private ObjectNode table() {
        ObjectNode table = json.createObjectNode();
        table.put("name", properties.tableName());
        ArrayNode columns = table.putArray("columns");
        COLUMNS.forEach((name, type) -> columns.addObject().put("name", name).put("dataType", type));
        return table;
    }

    private ObjectNode rowsBody(List<FactRow> rows) {
        ObjectNode body = json.createObjectNode();
        ArrayNode array = body.putArray("rows");
        for (FactRow row : rows) {
            ObjectNode out = array.addObject();
            out.put("RowId", row.rowId());
            out.put("JobId", row.jobId());
            out.put("Fact", row.fact());
            out.put("At", row.at().toString());
            out.put("Tenant", row.tenant());
            out.put("Territory", row.territory());
            out.put("Category", row.category());
            out.put("Priority", row.priority());
            out.put("TechnicianId", row.technicianId());
            out.put("Actor", row.actor());
            if (row.minutes() == null) {
                out.putNull("Minutes");
            } else {
                out.put("Minutes", row.minutes());
            }
        }
        return body;
    }

    /** Counts a request against the per-minute budget, or says when the next one may go. */
    private synchronized void takeRequestSlot() {
        Instant now = clock.instant();
        if (now.isBefore(pausedUntil)) {
            throw new KpiPushException("Power BI asked to wait until " + pausedUntil, Duration.between(now,
                    pausedUntil), false);
        }
        while (!recentRequests.isEmpty() && !recentRequests.peekFirst().isAfter(now.minus(WINDOW))) {
            recentRequests.removeFirst();
        }
        if (recentRequests.size() >= properties.requestsPerMinute()) {
            Instant free = recentRequests.peekFirst().plus(WINDOW);
            throw new KpiPushException("the budget of " + properties.requestsPerMinute()
                    + " push requests per minute is used up", Duration.between(now, free), false);
        }
        recentRequests.addLast(now);
    }

    /** @param rows whether the request carried rows: only a 400 to rows refuses them for good */
    private KpiPushException refusal(int status, HttpResponse<String> response, String what, boolean rows) {
        String reason = "Power BI answered " + status + " to " + what + errorText(response.body());
        switch (status) {
            case 429 -> {
                Duration wait = retryAfter(response);
                synchronized (this) {
                    Instant until = clock.instant().plus(wait);
                    if (until.isAfter(pausedUntil)) {
                        pausedUntil = until;
                    }
                }
                LOG.warn("Power BI throttled the push; waiting {}", wait);
                return new KpiPushException(reason, wait, false);
            }
            case 401 -> tokens.forget();
            case 404 -> datasetIds.clear(); // a dataset was deleted: look every one up again
            case 400 -> {
                return new KpiPushException(reason, null, rows);
            }
            default -> { }
        }
        return new KpiPushException(reason, null, false);
    }

    private Duration retryAfter(HttpResponse<String> response) {
        String value = response.headers().firstValue("Retry-After").orElse(null);
        if (value != null) {
            try {
                return Duration.ofSeconds(Math.max(1, Long.parseLong(value.trim())));
            } catch (NumberFormatException notSeconds) {
                try {
                    Duration until = Duration.between(clock.instant(),
                            ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                    return until.isNegative() ? Duration.ofSeconds(1) : until;
                } catch (DateTimeParseException notDate) {
                    LOG.debug("Unreadable Retry-After '{}'", value);
                }
            }
        }
        return Duration.ofSeconds(60);
    }

    private String errorText(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        JsonNode error = read(body).path("error");
        String message = error.path("message").asText(error.path("code").asText(""));
        return message.isEmpty() ? "" : ": " + message;
    }

    private HttpResponse<String> send(String method, String path, String body) {
        URI uri = URI.create(properties.apiUrl().toString().replaceAll("/$", "") + path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(properties.timeout())
                .header("Authorization", "Bearer " + tokens.current()).header("Accept", "application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new KpiPushException("Power BI unreachable: " + e.getMessage(), null, false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KpiPushException("interrupted while calling Power BI", null, false);
        }
    }

    private JsonNode read(String body) {
        try {
            return json.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (JsonProcessingException e) {
            return json.createObjectNode();
        }
    }

    private String write(JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a Power BI request", e);
        }
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static Map<String, String> columns() {
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("RowId", "Int64");
        columns.put("JobId", "string");
        columns.put("Fact", "string");
        columns.put("At", "DateTime");
        columns.put("Tenant", "string");
        columns.put("Territory", "string");
        columns.put("Category", "string");
        columns.put("Priority", "string");
        columns.put("TechnicianId", "string");
        columns.put("Actor", "string");
        columns.put("Minutes", "Double");
        return Collections.unmodifiableMap(columns);
    }
}
