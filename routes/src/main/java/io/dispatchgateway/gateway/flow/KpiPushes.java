package io.dispatchgateway.gateway.flow;

import io.dispatchgateway.core.model.Backoff;
import io.dispatchgateway.core.port.KpiPush.KpiPushException;
import io.dispatchgateway.core.port.KpiPush;
import io.dispatchgateway.gateway.persistence.KpiOutbox;
import io.dispatchgateway.gateway.settings.GatewayProperties;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Empties the KPI outbox into the BI push service: each round claims up to as many batches as the service
 * takes at once, of at most its batch size, and sends them side by side. An accepted batch is done; a refused
 * one is kept as refused with the service's words; anything else goes back to waiting, for the time the service
 * asked for or a doubling back-off, and is sent again later. No row leaves the outbox undelivered; delivered
 * rows are removed after {@code gateway.kpi.keep-delivered}.
 */
@Component
public class KpiPushes implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KpiPushes.class);

    private final KpiOutbox outbox;
    private final KpiPush push;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final ExecutorService lanes;
    private final Duration keepDelivered;
    private final Clock clock;

    public KpiPushes(KpiOutbox outbox, ObjectProvider<KpiPush> push, GatewayProperties properties, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
        this.keepDelivered = properties.kpi().keepDelivered();
        this.push = push.getIfAvailable();
        this.initialBackoff = properties.kpi().initialBackoff();
        this.maxBackoff = properties.kpi().maxBackoff();
        this.lanes = this.push == null ? null : Executors.newFixedThreadPool(this.push.maxBatchesInFlight(),
                runnable -> {
                    Thread thread = new Thread(runnable, "kpi-push");
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /** Whether a push service is configured; without one the outbox stays empty and no route polls it. */
    public boolean enabled() {
        return push != null;
    }

    /** @return rows delivered in this round */
    public int deliverDue() {
        outbox.purgeDelivered(clock.instant().minus(keepDelivered));
        int delivered = 0;
        while (true) {
            List<KpiOutbox.Batch> batches = new ArrayList<>();
            for (int lane = 0; lane < push.maxBatchesInFlight(); lane++) {
                KpiOutbox.Batch batch = outbox.claim(push.maxRowsPerBatch());
                if (batch.rows().isEmpty()) {
                    break;
                }
                batches.add(batch);
            }
            if (batches.isEmpty()) {
                return delivered;
            }
            List<Future<?>> sent = new ArrayList<>();
            for (KpiOutbox.Batch batch : batches) {
                sent.add(lanes.submit(() -> push.push(batch.rows())));
            }
            boolean allDelivered = true;
            for (int i = 0; i < batches.size(); i++) {
                if (settle(batches.get(i), sent.get(i))) {
                    delivered += batches.get(i).rows().size();
                } else {
                    allDelivered = false;
                }
            }
            if (!allDelivered || batches.size() < push.maxBatchesInFlight()) {
                return delivered;
            }
        }
    }

    private boolean settle(KpiOutbox.Batch batch, Future<?> sent) {
        try {
            sent.get();
            outbox.delivered(batch);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outbox.failed(batch, "interrupted", initialBackoff);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            if (cause instanceof KpiPushException push && push.refused()) {
                LOG.warn("The KPI push service refused {} rows for good: {}", batch.rows().size(), reason);
                outbox.refused(batch, reason);
            } else {
                Duration wait = cause instanceof KpiPushException push && push.retryAfter() != null
                        ? push.retryAfter() : backoff(batch.attempts());
                LOG.warn("{} KPI rows not delivered ({}); next attempt in {}", batch.rows().size(), reason, wait);
                outbox.failed(batch, reason, wait);
            }
        }
        return false;
    }

    private Duration backoff(int attempts) {
        return new Backoff(initialBackoff, maxBackoff).before(attempts + 1);
    }

    @Override
    public void close() {
        if (lanes != null) {
            lanes.shutdownNow();
        }
    }
}
