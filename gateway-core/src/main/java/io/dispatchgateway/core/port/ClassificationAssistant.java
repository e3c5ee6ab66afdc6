package io.dispatchgateway.core.port;

import io.dispatchgateway.core.classify.ModelClassification;
import io.dispatchgateway.core.model.Classification;
import java.util.List;

/**
 * A language model that proposes a classification when the rule table has none it is sure of (no keyword of any
 * rule matches, or the matching rules disagree). It never routes: its proposal only fills in category, priority,
 * skill, duration and safety impact, after validation, and a job it classified always waits for a dispatcher.
 * The gateway runs without one; the embedded default has none.
 */
public interface ClassificationAssistant {

    /** Whether this tenant's job text may be sent to the model (the gateway's and the tenant's switch). */
    boolean serves(String tenant);

    /**
     * Asks the model once. Never throws: a timeout, a refused or failed call, an open breaker or an answer that
     * does not fit the schema is an {@link Answer} with a {@code failure} and no proposal.
     */
    Answer propose(Question question);

    /**
     * What the model is asked about: the job's own words and the lists it must choose from. No customer name,
     * address, contact or contract is part of it.
     *
     * @param doubt why the rules asked for help ("no rule matches", "rules disagree: ...")
     * @param rules what the rules decided, the floor the proposal can only raise
     */
    record Question(String tenant, String jobId, String summary, String description, String doubt,
            List<String> categories, List<String> skills, Classification rules) {

        public Question {
            categories = List.copyOf(categories);
            skills = List.copyOf(skills);
        }
    }

    /**
     * The model's answer, kept with the job's decision.
     *
     * @param model the model that answered (or was asked)
     * @param prompt what was sent, as sent
     * @param output what came back, as received (null when nothing did)
     * @param proposal the answer read against the schema and validated; null when {@code failure} is set
     * @param failure why there is no proposal: a timeout, a status, an unreadable or invalid answer
     */
    record Answer(String model, String prompt, String output, ModelClassification proposal, String failure) {

        public static Answer failed(String model, String prompt, String output, String failure) {
            return new Answer(model, prompt, output, null, failure);
        }
    }
}
