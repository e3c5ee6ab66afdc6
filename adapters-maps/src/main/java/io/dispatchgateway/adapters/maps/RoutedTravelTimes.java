package io.dispatchgateway.adapters.maps;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.dispatchgateway.clients.Breakers;
import io.dispatchgateway.core.model.GeoPoint;
import io.dispatchgateway.core.port.OfflineTravelTimes;
import io.dispatchgateway.core.port.TravelTimeMatrix;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Travel times measured by a routing provider, kept cheap and dependable: measured pairs are cached by rounded
 * coordinates and departure bucket; requests are split to the provider's element limit (and split again when it
 * says the table is too big); an element the provider cannot route, or a request that fails, gets the offline
 * estimate, marked estimated; and after repeated failures a circuit breaker sends everything to the estimate for
 * a while. Billable elements are counted ({@code gateway.maps.elements}, per request
 * {@code gateway.maps.elements.per.request}).
 */
public final class RoutedTravelTimes implements TravelTimeMatrix {

    private static final Logger LOG = LoggerFactory.getLogger(RoutedTravelTimes.class);

    private record Key(long originLat, long originLon, long destinationLat, long destinationLon, long bucket) {}

    private final RoadTimeProvider provider;
    private final OfflineTravelTimes fallback;
    private final MapsProperties properties;
    private final Cache<Key, TravelTime> cache;
    private final Counter billable;
    private final Counter fallbacks;
    private final DistributionSummary perRequest;
    private final double scale;
    private final CircuitBreaker breaker;

    RoutedTravelTimes(RoadTimeProvider provider, OfflineTravelTimes fallback, MapsProperties properties,
            MeterRegistry registry, Clock clock) {
        this.provider = provider;
        this.fallback = fallback;
        this.properties = properties;
        this.cache = Caffeine.newBuilder().maximumSize(properties.cache().maximumSize())
                .expireAfterWrite(properties.cache().timeToLive()).build();
        this.billable = registry.counter("gateway.maps.elements", "provider", provider.name());
        this.fallbacks = registry.counter("gateway.maps.estimated", "provider", provider.name());
        this.perRequest = registry.summary("gateway.maps.elements.per.request", "provider", provider.name());
        this.scale = Math.pow(10, properties.cache().coordinateDecimals());
        // Open after breakerThreshold failed requests in a row; one request tries again after breakerOpenFor.
        CircuitBreakerRegistry breakers = CircuitBreakerRegistry.of(
                Breakers.afterFailuresInARow(properties.breakerThreshold(), properties.breakerOpenFor(), clock));
        this.breaker = breakers.circuitBreaker("maps-" + provider.name());
        // resilience4j.circuitbreaker.state, .calls, ... tagged name=maps-<provider>
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(registry);
    }

    @Override
    public List<TravelTime> travelTimes(List<GeoPoint> origins, GeoPoint destination, Instant departure) {
        List<TravelTime> result = new ArrayList<>(origins.size());
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < origins.size(); i++) {
            TravelTime cached = cache.getIfPresent(key(origins.get(i), destination, departure));
            result.add(cached);
            if (cached == null) {
                missing.add(i);
            }
        }
        int elements = 0;
        if (!missing.isEmpty() && breaker.tryAcquirePermission()) {
            try {
                elements = measure(missing, origins, destination, departure, result);
            } catch (RuntimeException e) {
                breaker.onError(0, TimeUnit.NANOSECONDS, e); // counted, so a half-open breaker never waits forever
                throw e;
            }
        }
        perRequest.record(elements);
        List<Integer> stillMissing = new ArrayList<>();
        for (int i = 0; i < result.size(); i++) {
            if (result.get(i) == null) {
                stillMissing.add(i);
            }
        }
        if (!stillMissing.isEmpty()) {
            List<TravelTime> estimates = fallback.travelTimes(stillMissing.stream().map(origins::get).toList(),
                    destination, departure);
            for (int j = 0; j < stillMissing.size(); j++) {
                result.set(stillMissing.get(j), estimates.get(j));
            }
            fallbacks.increment(stillMissing.size());
        }
        return result;
    }

    @Override
    public TravelTime known(GeoPoint origin, GeoPoint destination, Instant departure) {
        return cache.getIfPresent(key(origin, destination, departure));
    }

    /** @return billable elements sent */
    private int measure(List<Integer> indexes, List<GeoPoint> origins, GeoPoint destination, Instant departure,
            List<TravelTime> result) {
        int sent = 0;
        int chunk = Math.max(1, provider.maxElements());
        for (int from = 0; from < indexes.size(); from += chunk) {
            List<Integer> part = indexes.subList(from, Math.min(indexes.size(), from + chunk));
            sent += measurePart(part, origins, destination, departure, result);
        }
        return sent;
    }

    private int measurePart(List<Integer> part, List<GeoPoint> origins, GeoPoint destination, Instant departure,
            List<TravelTime> result) {
        try {
            List<TravelTime> measured = provider.measure(part.stream().map(origins::get).toList(), destination,
                    departure);
            billable.increment(part.size());
            breaker.onSuccess(0, TimeUnit.NANOSECONDS);
            for (int j = 0; j < part.size(); j++) {
                TravelTime time = measured.get(j);
                if (time != null) {
                    result.set(part.get(j), time);
                    cache.put(key(origins.get(part.get(j)), destination, departure), time);
                }
            }
            return part.size();
        } catch (RoadTimeProvider.RoadTimeException e) {
            if (e.tooBig() && part.size() > 1) {
                int half = part.size() / 2;
                return measurePart(part.subList(0, half), origins, destination, departure, result)
                        + measurePart(part.subList(half, part.size()), origins, destination, departure, result);
            }
            breaker.onError(0, TimeUnit.NANOSECONDS, e);
            LOG.warn("{} could not measure {} trip(s), using the offline estimate: {}", provider.name(), part.size(),
                    e.getMessage());
            return 0;
        }
    }

    private Key key(GeoPoint origin, GeoPoint destination, Instant departure) {
        long bucket = departure.getEpochSecond() / Math.max(1, properties.cache().timeBucket().toSeconds());
        return new Key(Math.round(origin.lat() * scale), Math.round(origin.lon() * scale),
                Math.round(destination.lat() * scale), Math.round(destination.lon() * scale), bucket);
    }
}
