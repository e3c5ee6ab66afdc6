package io.dispatchgateway.adapters.servicetitan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dispatchgateway.adapters.servicetitan.dto.StApiError;
import io.dispatchgateway.adapters.servicetitan.dto.StExport;
import io.dispatchgateway.adapters.servicetitan.dto.StPage;
import io.dispatchgateway.clients.Breakers;
import io.dispatchgateway.core.model.Backoff;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
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
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transport to ServiceTitan's v2 API: {@code ST-App-Key} and the bearer token of {@link ServiceTitanTokens}
 * on every call; one retry with a fresh token after a 401; 429 waits as long as {@code Retry-After} says;
 * timeouts and 5xx of reads are retried with exponential back-off (a write is not sent again: it may have
 * landed); repeated failures open a circuit breaker so a failing ServiceTitan is not hammered. A 4xx refusal is not
 * retried and surfaces as {@link ServiceTitanApiException} with ServiceTitan's message and trace id.
 */
public class ServiceTitanClient {

    /** Waits between attempts; tests replace it to record the waits instead of sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(ServiceTitanClient.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(2);

    private final ServiceTitanProperties properties;
    private final ObjectMapper mapper;
    private final HttpClient http;
    private final Sleeper sleeper;
    private final Clock clock;
    private final CircuitBreaker breaker;
    /** One budget of requests per second for every thread of this client (ServiceTitan counts per app and tenant). */
    private final RateLimiter budget;

    private final ServiceTitanTokens tokens;
    /** ServiceTitan limits per app and tenant: a Retry-After holds every thread of this client, not only one. */
    private volatile Instant throttledUntil = Instant.EPOCH;

    public ServiceTitanClient(ServiceTitanProperties properties, ObjectMapper mapper, HttpClient http, Sleeper sleeper,
            Clock clock) {
        this(properties, mapper, http, sleeper, clock, RateLimiter.of("servicetitan", RateLimiterConfig.custom()
                .limitForPeriod(properties.requestsPerSecond()).limitRefreshPeriod(Duration.ofSeconds(1))
                .timeoutDuration(properties.requestTimeout()).build()));
    }

    ServiceTitanClient(ServiceTitanProperties properties, ObjectMapper mapper, HttpClient http, Sleeper sleeper,
            Clock clock, RateLimiter budget) {
        this.budget = budget;
        this.properties = properties;
        this.mapper = mapper;
        this.http = http;
        this.sleeper = sleeper;
        this.clock = clock;
        // Open after breakerThreshold calls in a row gave up; one call tries again after breakerOpenFor.
        this.tokens = new ServiceTitanTokens(properties, http);
        this.breaker = CircuitBreaker.of("servicetitan",
                Breakers.afterFailuresInARow(properties.breakerThreshold(), properties.breakerOpenFor(), clock));
    }

    /** Reads every page of a list operation, handing each page's items to {@code pageConsumer} in order. */
    public <T> void forEachPage(String module, String path, Map<String, String> query, Class<T> itemType,
            Consumer<List<T>> pageConsumer) {
        JavaType pageType = mapper.getTypeFactory().constructParametricType(StPage.class, itemType);
        int page = 1;
        while (true) {
            Map<String, String> params = new LinkedHashMap<>(query);
            params.put("page", String.valueOf(page));
            params.put("pageSize", String.valueOf(properties.pageSize()));
            StPage<T> result = read(send("GET", module, path, params, null, "GET " + path), pageType);
            pageConsumer.accept(result.data());
            if (!result.hasMore() || result.data().isEmpty()) {
                return;
            }
            page++;
        }
    }

    /**
     * Reads a list in modification order by its modification time, not by offset: after each page the next read
     * starts at the page's last {@code modifiedOn} (skipping what was read at that instant), so a record modified
     * while the list is read moves to the end and is read there, never skipped between two pages.
     *
     * @param since the first {@code modifiedOnOrAfter}, or null for the whole list
     * @param readAtSince ids of records modified exactly at {@code since} that an earlier read already had (the
     *     filter is inclusive), left out
     */
    public <T> void forEachPageByModification(String module, String path, Map<String, String> query, String since,
            Set<String> readAtSince, Class<T> itemType, Function<T, OffsetDateTime> modifiedOn,
            Function<T, Object> id, Consumer<List<T>> pageConsumer) {
        JavaType pageType = mapper.getTypeFactory().constructParametricType(StPage.class, itemType);
        String cursor = since;
        Set<String> readAtCursor = new HashSet<>(readAtSince);
        int page = 1;
        while (true) {
            Map<String, String> params = new LinkedHashMap<>(query);
            if (cursor != null) {
                params.put("modifiedOnOrAfter", cursor);
            }
            params.put("sort", "+ModifiedOn");
            params.put("page", String.valueOf(page));
            params.put("pageSize", String.valueOf(properties.pageSize()));
            StPage<T> result = read(send("GET", module, path, params, null, "GET " + path), pageType);
            List<T> data = result.data();
            Instant from = cursor == null ? null : Instant.parse(cursor);
            // Only what this read has not had: nothing modified before the cursor, nothing read at it already (a
            // record read at the cursor and modified since is read again).
            pageConsumer.accept(data.stream().filter(item -> {
                Instant modified = modifiedOn.apply(item) == null ? null : modifiedOn.apply(item).toInstant();
                if (from == null || modified == null) {
                    return true;
                }
                return modified.isAfter(from) || modified.equals(from)
                        && !readAtCursor.contains(String.valueOf(id.apply(item)));
            }).toList());
            if (!result.hasMore() || data.isEmpty()) {
                return;
            }
            OffsetDateTime last = modifiedOn.apply(data.get(data.size() - 1));
            String next = last == null ? null : DateTimeFormatter.ISO_INSTANT.format(last.toInstant());
            if (next == null || next.equals(cursor)) {
                // A whole page modified at one instant: the next page of the same read.
                data.forEach(item -> readAtCursor.add(String.valueOf(id.apply(item))));
                page++;
                continue;
            }
            readAtCursor.clear();
            data.stream().filter(item -> last.equals(modifiedOn.apply(item))).forEach(item -> readAtCursor.add(
                    String.valueOf(id.apply(item))));
            cursor = next;
            page = 1;
        }
    }

    /**
     * Reads an export feed from {@code from} (a continuation token, or a date to start at) until it is caught up,
     * handing each batch to {@code batchConsumer} with the token that follows it, so the caller stores the token
     * only once it has handled the batch.
     */
    public <T> void forEachExport(String module, String path, Map<String, String> query, String from,
            Class<T> itemType, BiConsumer<List<T>, String> batchConsumer) {
        JavaType exportType = mapper.getTypeFactory().constructParametricType(StExport.class, itemType);
        String token = from;
        while (true) {
            Map<String, String> params = new LinkedHashMap<>(query);
            if (token != null) {
                params.put("from", token);
            }
            StExport<T> result = read(send("GET", module, path, params, null, "GET " + path), exportType);
            String next = result.continueFrom() == null || result.continueFrom().isBlank() ? token
                    : result.continueFrom();
            batchConsumer.accept(result.data(), next);
            if (!result.hasMore() || result.data().isEmpty() || next == null || next.equals(token)) {
                return;
            }
            token = next;
        }
    }

    public <T> List<T> getAll(String module, String path, Map<String, String> query, Class<T> itemType) {
        List<T> all = new ArrayList<>();
        forEachPage(module, path, query, itemType, all::addAll);
        return all;
    }

    /** POSTs {@code body} as JSON and returns the response body. */
    public String post(String module, String path, Object body) {
        try {
            return send("POST", module, path, Map.of(), mapper.writeValueAsString(body), "POST " + path);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + body.getClass().getSimpleName(), e);
        }
    }

    /** Whether a token can be obtained now (for the health indicator). */
    public boolean tokenObtainable() {
        try {
            bearer(false);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    public boolean breakerOpen() {
        return breaker.getState() == CircuitBreaker.State.OPEN;
    }

    private String send(String method, String module, String path, Map<String, String> query, String body,
            String operation) {
        if (!breaker.tryAcquirePermission()) {
            throw new ServiceTitanUnavailableException(operation + ": circuit breaker open after repeated failures",
                    null);
        }
        Settled settled = new Settled();
        try {
            return attempts(method, module, path, query, body, operation, settled);
        } finally {
            if (!settled.done) {
                breaker.releasePermission(); // neither ServiceTitan's success nor its failure (a local limit)
            }
        }
    }

    /** Whether a call told the breaker how ServiceTitan did. */
    private static final class Settled {
        boolean done;
    }

    private String attempts(String method, String module, String path, Map<String, String> query, String body,
            String operation, Settled settled) {
        URI uri = URI.create(properties.baseUrl().toString().replaceAll("/+$", "") + "/" + module + "/v2/tenant/"
                + properties.tenantId() + path + queryString(query));
        boolean renewed = false;
        Exception last = null;
        Instant waitedUntil = Instant.EPOCH; // the throttle this call has already waited out itself
        for (int attempt = 1; attempt <= properties.maxAttempts(); attempt++) {
            Duration wait;
            Instant hold = throttledUntil;
            if (hold.isAfter(waitedUntil) && hold.isAfter(clock.instant())) {
                pause(Duration.between(clock.instant(), hold), operation);
                waitedUntil = hold;
            }
            if (!budget.acquirePermission()) {
                throw new ServiceTitanUnavailableException(operation + ": the client's budget of "
                        + properties.requestsPerSecond() + " requests per second stayed spent for "
                        + properties.requestTimeout(), null);
            }
            try {
                HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(properties.requestTimeout())
                        .header("Authorization", "Bearer " + bearer(false))
                        .header("ST-App-Key", properties.appKey())
                        .header("Accept", "application/json");
                if (body != null) {
                    request.header("Content-Type", "application/json");
                }
                request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    succeeded(settled);
                    return response.body();
                }
                if (status == 401 && !renewed) {
                    renewed = true;
                    bearer(true);
                    attempt--;
                    continue;
                }
                if (status == 401) {
                    // Refused with a token just issued: ServiceTitan's side is wrong for now, not the write.
                    wait = backoff(attempt);
                    last = new IllegalStateException(operation + ": 401 with a fresh token");
                } else if (status == 429) {
                    wait = retryAfter(response).orElse(backoff(attempt));
                    Instant until = clock.instant().plus(wait);
                    holdEveryone(until);
                    waitedUntil = until; // this call waits it out below
                    last = new IllegalStateException(operation + ": throttled (429)");
                } else if (status >= 500) {
                    wait = backoff(attempt);
                    last = new IllegalStateException(operation + ": ServiceTitan answered " + status);
                    if (!"GET".equals(method)) {
                        throw notSentAgain(operation, last, settled);
                    }
                } else {
                    succeeded(settled); // ServiceTitan is up; the request itself is wrong
                    throw new ServiceTitanApiException(operation, status, error(response.body()));
                }
            } catch (IOException e) {
                wait = backoff(attempt);
                last = e;
                if (!"GET".equals(method)) {
                    throw notSentAgain(operation, e, settled);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ServiceTitanUnavailableException(operation + ": interrupted", e);
            }
            if (attempt < properties.maxAttempts()) {
                LOG.warn("{}: attempt {} of {} failed ({}); retrying in {}", operation, attempt,
                        properties.maxAttempts(), last.getMessage(), wait);
                pause(wait, operation);
            }
        }
        ServiceTitanUnavailableException gaveUp = new ServiceTitanUnavailableException(operation + ": gave up after "
                + properties.maxAttempts() + " attempts", last);
        failed(settled, gaveUp);
        throw gaveUp;
    }

    private void succeeded(Settled settled) {
        settled.done = true;
        breaker.onSuccess(0, TimeUnit.NANOSECONDS);
    }

    private void failed(Settled settled, Throwable cause) {
        settled.done = true;
        breaker.onError(0, TimeUnit.NANOSECONDS, cause);
    }

    /** Holds every call of this client until {@code until}, unless a later hold is in place already. */
    private synchronized void holdEveryone(Instant until) {
        if (until.isAfter(throttledUntil)) {
            throttledUntil = until;
        }
    }

    /**
     * A write that timed out or met a 5xx may have landed: it is not sent again here. The caller (the write-back
     * queue, with back-off) tries again after reading back what ServiceTitan has.
     */
    private ServiceTitanUnavailableException notSentAgain(String operation, Exception cause, Settled settled) {
        failed(settled, cause);
        return new ServiceTitanUnavailableException(operation + ": " + cause.getMessage()
                + "; not sent again (it may have landed)", cause);
    }

    private String bearer(boolean forceRenewal) {
        return tokens.bearer(forceRenewal);
    }

    private Duration backoff(int attempt) {
        return new Backoff(properties.initialBackoff(), MAX_BACKOFF).before(attempt);
    }

    private static Optional<Duration> retryAfter(HttpResponse<String> response) {
        return response.headers().firstValue("Retry-After").flatMap(value -> {
            try {
                Duration wait = Duration.ofSeconds(Long.parseLong(value.trim()));
                return Optional.of(wait.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : wait);
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    private void pause(Duration wait, String operation) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceTitanUnavailableException(operation + ": interrupted", e);
        }
    }

    private StApiError error(String body) {
        try {
            return body == null || body.isBlank() ? null : mapper.readValue(body, StApiError.class);
        } catch (IOException e) {
            return new StApiError(null, body.length() > 200 ? body.substring(0, 200) : body, null, null, null);
        }
    }

    private <T> T read(String body, JavaType type) {
        try {
            return mapper.readValue(body, type);
        } catch (IOException e) {
            throw new ServiceTitanUnavailableException("unreadable ServiceTitan response: " + e.getMessage(), e);
        }
    }

    private static String queryString(Map<String, String> query) {
        if (query.isEmpty()) {
            return "";
        }
        return query.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&", "?", ""));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
