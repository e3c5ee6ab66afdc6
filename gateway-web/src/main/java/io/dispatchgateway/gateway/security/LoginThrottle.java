package io.dispatchgateway.gateway.security;

import io.dispatchgateway.gateway.web.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Slows password guessing: after {@value #PER_USER} failed logins of one user name from one address within
 * {@link #WINDOW}, or {@value #PER_ADDRESS} from one address whatever the name, that address gets 429 (with
 * {@code Retry-After}) for the name, or for every name, before any password is hashed, until the failures age out.
 * The same user elsewhere is not locked out. The counts live in memory, at most {@value #MAX_KEYS} keys, so each
 * instance throttles on its own (an attacker spread over instances gets each one's allowance, no more).
 */
class LoginThrottle extends OncePerRequestFilter {

    static final int PER_USER = 10;
    static final int PER_ADDRESS = 50;
    static final Duration WINDOW = Duration.ofMinutes(5);
    static final int MAX_KEYS = 10_000;

    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
    private final ProblemResponses problems;
    private final Clock clock;

    LoginThrottle(ProblemResponses problems, Clock clock) {
        this.problems = problems;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String user = basicUser(request.getHeader(HttpHeaders.AUTHORIZATION));
        if (user == null) {
            chain.doFilter(request, response);
            return;
        }
        String address = request.getRemoteAddr();
        // User names are matched without regard to case, so Alice and ALICE are one name here too.
        String pair = address + " " + user.toLowerCase(java.util.Locale.ROOT);
        Instant now = clock.instant();
        Duration wait = longest(wait(pair, PER_USER, now), wait(address, PER_ADDRESS, now));
        if (wait != null) {
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, wait.toSeconds())));
            problems.write(response, ProblemResponses.problem(HttpStatus.TOO_MANY_REQUESTS, "Too many failed logins",
                    "too many failed logins from this address; try again in " + Math.max(1, wait.toSeconds())
                            + " s"));
            return;
        }
        // A name that has failed from this address is counted before its attempt runs, so guesses sent in
        // parallel do not all pass the check (taken back when the login succeeds); a name that has not failed is
        // counted after, so an integration's parallel requests are never throttled.
        boolean failing = failures.containsKey(pair);
        if (failing) {
            failed(pair, now);
        }
        chain.doFilter(request, response);
        if (response.getStatus() == HttpStatus.UNAUTHORIZED.value()) {
            if (!failing) {
                failed(pair, now);
            }
            failed(address, now);
        } else {
            failures.remove(pair);
        }
    }

    private void failed(String key, Instant now) {
        if (!failures.containsKey(key) && failures.size() >= MAX_KEYS) {
            failures.values().removeIf(times -> expired(times, now));
            // Bounded: at the cap the key whose last failure is oldest makes room, never all of them.
            while (failures.size() >= MAX_KEYS) {
                failures.entrySet().stream().min(java.util.Comparator.comparing(e -> last(e.getValue())))
                        .ifPresent(oldest -> failures.remove(oldest.getKey()));
            }
        }
        Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            times.addLast(now);
            while (times.size() > PER_ADDRESS) {
                times.removeFirst();
            }
        }
    }

    /** How long {@code key} must wait, or null when it has fewer than {@code limit} recent failures. */
    private Duration wait(String key, int limit, Instant now) {
        Deque<Instant> times = failures.get(key);
        if (times == null) {
            return null;
        }
        synchronized (times) {
            while (!times.isEmpty() && !times.peekFirst().plus(WINDOW).isAfter(now)) {
                times.removeFirst();
            }
            if (times.size() < limit) {
                return null;
            }
            // Free again once enough of the failures have aged out.
            Instant freed = times.stream().skip(times.size() - limit).findFirst().orElseThrow().plus(WINDOW);
            return Duration.between(now, freed);
        }
    }

    private static Instant last(Deque<Instant> times) {
        synchronized (times) {
            return times.isEmpty() ? Instant.MIN : times.peekLast();
        }
    }

    private static boolean expired(Deque<Instant> times, Instant now) {
        synchronized (times) {
            return times.isEmpty() || !times.peekLast().plus(WINDOW).isAfter(now);
        }
    }

    private static Duration longest(Duration a, Duration b) {
        return a == null ? b : b == null ? a : a.compareTo(b) >= 0 ? a : b;
    }

    /**
     * The user name of a Basic {@code Authorization} header, read as Spring Security reads it (the scheme
     * "Basic" in any case, the credentials from the seventh character), or null.
     */
    static String basicUser(String header) {
        String value = header == null ? "" : header.strip();
        if (value.length() < 6 || !value.regionMatches(true, 0, "Basic", 0, 5)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(value.substring(6).strip()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            String user = colon < 0 ? decoded : decoded.substring(0, colon);
            return user.length() > 200 ? user.substring(0, 200) : user;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
