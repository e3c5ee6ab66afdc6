package io.dispatchgateway.gateway.classify;

import io.dispatchgateway.core.model.Classification;
import io.dispatchgateway.core.model.Job;
import io.dispatchgateway.core.port.IncidentSummarizer;
import io.dispatchgateway.gateway.persistence.ModelExchangeLog;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The technician's short incident summary, when an {@link IncidentSummarizer} serves the job's tenant: asked when
 * the job is classified, kept as a model exchange (the adopted text in its detail), and put in the pack beside
 * the customer's words.
 */
@Component
public class IncidentSummaries {

    /** The purpose a summary exchange is kept under. */
    public static final String PURPOSE = "incident-summary";

    /** A summary in the pack, and the model that wrote it. */
    public record Drafted(String text, String model) {}

    private final ObjectProvider<IncidentSummarizer> summarizer;
    private final ModelExchangeLog exchanges;

    public IncidentSummaries(ObjectProvider<IncidentSummarizer> summarizer, ModelExchangeLog exchanges) {
        this.summarizer = summarizer;
        this.exchanges = exchanges;
    }

    /** Asks the model; empty when none serves the tenant. Call it outside any transaction. */
    public Optional<IncidentSummarizer.Summary> ask(Job job, Classification classification) {
        IncidentSummarizer model = summarizer.getIfAvailable();
        if (model == null || !model.serves(job.tenant())) {
            return Optional.empty();
        }
        try {
            return Optional.of(model.summarize(new IncidentSummarizer.Incident(job.tenant(), job.id(), job.summary(),
                    job.description(), classification.category())));
        } catch (RuntimeException e) {
            return Optional.of(IncidentSummarizer.Summary.failed(model.getClass().getSimpleName(), "", null,
                    "the summarizer failed: " + e));
        }
    }

    /** Keeps the exchange; call it in the transaction that stores the classification. */
    public void record(String jobId, Optional<IncidentSummarizer.Summary> asked) {
        asked.ifPresent(summary -> exchanges.keep(jobId, PURPOSE, summary.model(), summary.text() == null
                        ? ModelExchangeLog.Outcome.FAILED : ModelExchangeLog.Outcome.ADOPTED,
                summary.text() == null ? summary.failure() : summary.text(), summary.prompt(), summary.output()));
    }

    /** The job's summary for its pack, if a model wrote one. */
    public Optional<Drafted> of(String jobId) {
        if (summarizer.getIfAvailable() == null) {
            return Optional.empty();
        }
        return exchanges.latestAdopted(jobId, PURPOSE).map(e -> new Drafted(e.detail(), e.model()));
    }
}
