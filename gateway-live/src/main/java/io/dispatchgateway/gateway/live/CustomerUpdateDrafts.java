package io.dispatchgateway.gateway.live;

import io.dispatchgateway.core.port.CustomerUpdateDrafter;
import io.dispatchgateway.gateway.persistence.LiveOpsStore;
import io.dispatchgateway.gateway.persistence.ModelExchangeLog;
import io.dispatchgateway.gateway.settings.GatewayProperties;
import jakarta.annotation.PreDestroy;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A customer update for every ETA change and exception, kept with its history as a draft; a dispatcher sends it
 * (and may edit it first), and the time from the change to sending is the customer-update delay. The templates'
 * text is stored with the change itself; when another {@link CustomerUpdateDrafter} is configured (a language
 * model), it is asked once the change is committed, on a thread of its own (its own connection, outside every
 * transaction), and its text replaces the template's unless the draft has been sent meanwhile. Whatever it does,
 * the template's draft is there.
 */
@Component
public class CustomerUpdateDrafts {

    private static final Logger LOG = LoggerFactory.getLogger(CustomerUpdateDrafts.class);
    private static final int QUEUED = 1000;
    /** The purpose a customer-update exchange with a model is kept under. */
    public static final String PURPOSE = "customer-update";

    /** Why the customer hears from us. */
    public enum Reason { DELAYED, REASSIGNED, PART_PICKUP, PAUSED, SLA_BREACHED, CANCELLED }

    private final LiveOpsStore store;
    private final CustomerUpdateDrafter drafter;
    private final ModelExchangeLog exchanges;
    /** The floor every draft starts from, whatever drafter is configured. */
    private final TemplatedCustomerUpdates templates = new TemplatedCustomerUpdates();
    private final ZoneId zone;
    /**
     * Where another drafter is asked: off the caller's thread and connection, one draft at a time, at most
     * {@value #QUEUED} waiting; a redraft that finds the queue full (or the gateway stopping) is skipped and
     * logged, and the template's draft stands.
     */
    private final ExecutorService redrafts = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(QUEUED), task -> {
                Thread thread = new Thread(task, "customer-update-drafter");
                thread.setDaemon(true);
                return thread;
            }, (task, pool) -> LOG.warn("a customer update redraft was skipped ({} waiting, or stopping); the"
                    + " template's draft stands", QUEUED));

    public CustomerUpdateDrafts(LiveOpsStore store, CustomerUpdateDrafter drafter, GatewayProperties properties,
            ModelExchangeLog exchanges) {
        this.exchanges = exchanges;
        this.store = store;
        this.drafter = drafter;
        this.zone = properties.zone();
    }

    public void draft(String tenant, String jobId, String customerName, Reason reason, Instant newEta,
            Instant changedAt) {
        CustomerUpdateDrafter.Update update = new CustomerUpdateDrafter.Update(tenant, jobId, customerName,
                reason.name(), newEta, zone);
        if (drafter instanceof TemplatedCustomerUpdates) {
            store.draft(jobId, reason.name(), newEta, drafter.draft(update), changedAt, drafter.name());
            return;
        }
        String template = templates.draft(update);
        long id = store.draft(jobId, reason.name(), newEta, template, changedAt, templates.name());
        Runnable redraft = () -> redrafts.execute(() -> redraft(id, update, template));
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    redraft.run();
                }
            });
        } else {
            redraft.run();
        }
    }

    @PreDestroy
    void stop() {
        int skipped = redrafts.shutdownNow().size();
        if (skipped > 0) {
            LOG.info("{} customer update redrafts not made at shutdown; their templates' drafts stand", skipped);
        }
    }

    private void redraft(long id, CustomerUpdateDrafter.Update update, String template) {
        try {
            CustomerUpdateDrafter.Drafted drafted = drafter.drafted(update);
            if (drafted.model() != null) {
                // What the model was asked and said, kept with the job whether or not its text stands.
                exchanges.keep(update.jobId(), PURPOSE, drafted.model(), drafted.refusal() == null
                                ? ModelExchangeLog.Outcome.ADOPTED : ModelExchangeLog.Outcome.REFUSED,
                        drafted.refusal() == null ? "customer update " + id : drafted.refusal(),
                        drafted.prompt(), drafted.output());
            }
            String text = drafted.text();
            if (text != null && !text.isBlank() && !text.equals(template)) {
                store.redraft(id, text, drafter.name());
            }
        } catch (RuntimeException e) {
            // The template's draft stands; the drafter's failure is its own to report.
            LOG.warn("customer update {} of job {}: {} failed, the template's text stays ({})", id, update.jobId(),
                    drafter.name(), e.toString());
        }
    }
}
