package io.dispatchgateway.gateway.classify;

import io.dispatchgateway.core.classify.JobClassifier;
import io.dispatchgateway.core.classify.ModelClassification;
import io.dispatchgateway.core.model.AuditAction;
import io.dispatchgateway.core.model.Classification;
import io.dispatchgateway.core.model.Customer;
import io.dispatchgateway.core.model.Job;
import io.dispatchgateway.core.port.ClassificationAssistant;
import io.dispatchgateway.core.port.ClassificationAssistant.Answer;
import io.dispatchgateway.core.port.TechnicianDirectory;
import io.dispatchgateway.gateway.persistence.AuditLog;
import io.dispatchgateway.gateway.persistence.ModelExchangeLog;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Classifies a job with the rule table and, when the rules are in doubt (no keyword matches, or rules of different
 * categories match) and a {@link ClassificationAssistant} serves the job's tenant, asks it once. Its proposal is
 * adopted through {@link JobClassifier#adopt} (known category and skill, never a lower priority, never without
 * the rules' safety flag); otherwise the rules' classification stands. Either way the exchange is kept with the
 * job and audited.
 */
@Component
public class AssistedClassification {

    /** The purpose a classification exchange is kept under. */
    public static final String PURPOSE = "classification";

    /**
     * The classification to store and who decided it.
     *
     * @param actor {@code model:<name>} when the model's proposal was adopted, else the rule
     * @param consultation the model's answer and what became of it; null when the model was not asked
     */
    public record Decision(Classification classification, String actor, Consultation consultation) {}

    /** What the model was asked, what it answered and what the gateway made of it. */
    public record Consultation(String doubt, Answer answer, JobClassifier.Adoption adoption) {

        boolean adopted() {
            return adoption != null && adoption.adopted();
        }
    }

    private final JobClassifier classifier;
    private final ObjectProvider<ClassificationAssistant> assistant;
    private final TechnicianDirectory technicians;
    private final ModelExchangeLog exchanges;
    private final AuditLog audit;

    public AssistedClassification(JobClassifier classifier, ObjectProvider<ClassificationAssistant> assistant,
            TechnicianDirectory technicians, ModelExchangeLog exchanges, AuditLog audit) {
        this.classifier = classifier;
        this.assistant = assistant;
        this.technicians = technicians;
        this.exchanges = exchanges;
        this.audit = audit;
    }

    public Decision decide(Job job, Customer customer) {
        ClassificationAssistant model = assistant.getIfAvailable();
        if (model == null || !model.serves(job.tenant())) {
            Classification rules = classifier.classify(job, customer);
            return new Decision(rules, ruleActor(rules), null);
        }
        JobClassifier.Assessment assessment = classifier.assess(job, customer);
        Classification rules = assessment.classification();
        if (assessment.doubt().isEmpty()) {
            return new Decision(rules, ruleActor(rules), null);
        }
        String doubt = assessment.doubt().get();
        List<String> skills = knownSkills(job.tenant());
        ClassificationAssistant.Question question = new ClassificationAssistant.Question(job.tenant(), job.id(),
                job.summary(), job.description(), doubt, classifier.categories(), skills, rules);
        Answer answer;
        try {
            answer = model.propose(question);
        } catch (RuntimeException e) {
            // The port promises never to throw; one that does still leaves the job to the rules.
            answer = Answer.failed(model.getClass().getSimpleName(), "", null, "the assistant failed: " + e);
        }
        if (answer.proposal() == null) {
            return new Decision(rules, ruleActor(rules), new Consultation(doubt, answer, null));
        }
        JobClassifier.Adoption adoption = classifier.adopt(job, customer, rules, answer.proposal(), answer.model(),
                skills);
        if (!adoption.adopted()) {
            return new Decision(rules, ruleActor(rules), new Consultation(doubt, answer, adoption));
        }
        return new Decision(adoption.classification(), "model:" + answer.model(),
                new Consultation(doubt, answer, adoption));
    }

    /** Keeps the exchange and its audit line; call it in the transaction that stores the classification. */
    public void record(String jobId, Decision decision) {
        Consultation consultation = decision.consultation();
        if (consultation == null) {
            return;
        }
        Answer answer = consultation.answer();
        String actor = "model:" + answer.model();
        if (consultation.adopted()) {
            ModelClassification p = answer.proposal();
            String notes = consultation.adoption().notes().isEmpty() ? ""
                    : "; " + String.join("; ", consultation.adoption().notes());
            exchanges.keep(jobId, PURPOSE, answer.model(), ModelExchangeLog.Outcome.ADOPTED,
                    notes.isEmpty() ? null : notes.substring(2), answer.prompt(), answer.output());
            audit.record(jobId, actor, AuditAction.MODEL_CLASSIFIED, "asked because " + consultation.doubt()
                    + "; proposed " + p.category().toUpperCase(Locale.ROOT) + ", " + p.priority() + ", skill "
                    + p.requiredSkill() + ", " + p.durationMinutes() + " min"
                    + (p.safetyImpact() ? ", safety impact" : "") + notes
                    + (p.rationale() == null || p.rationale().isBlank() ? ""
                            : "; the model's own words: \"" + p.rationale() + "\""));
            return;
        }
        boolean failed = answer.proposal() == null;
        String why = failed ? answer.failure() : String.join("; ", consultation.adoption().problems());
        exchanges.keep(jobId, PURPOSE, answer.model(),
                failed ? ModelExchangeLog.Outcome.FAILED : ModelExchangeLog.Outcome.REFUSED, why, answer.prompt(),
                answer.output());
        audit.record(jobId, actor, AuditAction.MODEL_PROPOSAL_REFUSED, "asked because " + consultation.doubt()
                + "; " + (failed ? "no usable answer: " : "proposal refused: ") + why
                + "; classified by the rules (" + decision.classification().rule() + ")");
    }

    private List<String> knownSkills(String tenant) {
        Set<String> skills = new LinkedHashSet<>(classifier.skills());
        technicians.all().stream().filter(t -> t.tenants().isEmpty() || t.tenants().contains(tenant))
                .forEach(t -> skills.addAll(t.skills().keySet()));
        return List.copyOf(skills);
    }

    private static String ruleActor(Classification classification) {
        return "rule:classification/" + classification.rule();
    }
}
