package io.dispatchgateway.core.port;

/**
 * A language model that writes a short summary of a job's incident for the technician's pack, from the job's own
 * words. The summary is shown beside those words, marked as the model's, and decides nothing. The gateway runs
 * without one; the embedded default has none.
 */
public interface IncidentSummarizer {

    /** Whether this tenant's job text may be sent to the model (the gateway's and the tenant's switch). */
    boolean serves(String tenant);

    /** Asks once. Never throws: a timeout, a failed call or a summary that does not pass is a failure. */
    Summary summarize(Incident incident);

    /** What the summary is written from: the job's words and the classification's category. */
    record Incident(String tenant, String jobId, String summary, String description, String category) {}

    /**
     * The model's answer, kept with the job.
     *
     * @param text the summary; null when {@code failure} is set
     */
    record Summary(String model, String prompt, String output, String text, String failure) {

        public static Summary failed(String model, String prompt, String output, String failure) {
            return new Summary(model, prompt, output, null, failure);
        }
    }
}
