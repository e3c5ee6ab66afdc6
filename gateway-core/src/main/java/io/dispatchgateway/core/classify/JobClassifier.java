package io.dispatchgateway.core.classify;

import io.dispatchgateway.core.model.Classification;
import io.dispatchgateway.core.model.Customer;
import io.dispatchgateway.core.model.Job;
import io.dispatchgateway.core.model.Priority;
import io.dispatchgateway.core.model.WorkType;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Classifies a job with the first matching rule of the table. The priority is the more urgent of the
 * rule's and the one the source reported; the safety flag is set when the rule or the source says so; the
 * SLA deadline is the receipt time plus the customer's contracted target for that priority, or the
 * gateway's default target when the contract has none. A job with the source's job type takes its skills (the
 * first required, the others as well) and duration from it, and its priority when more urgent than the rule's, the category, certification and safety
 * flag from the rule; the classification's rule then names both ({@code job-type:<name> + <rule>}).
 */
public final class JobClassifier {

    /** Used when no rule of the table matches. */
    public static final ClassificationRule FALLBACK_RULE = new ClassificationRule("fallback-general", List.of(),
            null, "GENERAL", Priority.NORMAL, "general", 1, null, null, null, Duration.ofHours(1), false);

    private final List<ClassificationRule> rules;
    private final Map<Priority, Duration> defaultSlaTargets;

    public JobClassifier(List<ClassificationRule> rules, Map<Priority, Duration> defaultSlaTargets) {
        this.rules = List.copyOf(rules);
        this.defaultSlaTargets = new EnumMap<>(Priority.class);
        this.defaultSlaTargets.putAll(defaultSlaTargets);
        for (Priority priority : Priority.values()) {
            if (!this.defaultSlaTargets.containsKey(priority)) {
                throw new IllegalArgumentException("a default SLA target is required for priority " + priority);
            }
        }
    }

    public Classification classify(Job job, Customer customer) {
        String text = (job.summary() + "\n" + (job.description() == null ? "" : job.description()))
                .toLowerCase(Locale.ROOT);
        ClassificationRule rule = rules.stream()
                .filter(r -> r.matches(text, customer.tier()))
                .findFirst()
                .orElse(FALLBACK_RULE);
        WorkType type = job.workType();
        boolean typed = type != null && !type.skills().isEmpty();
        // The job type's priority can raise the rule's, never lower it (a gas smell stays critical).
        Priority priority = type != null && type.priority() != null && type.priority().isMoreUrgentThan(rule.priority())
                ? type.priority() : rule.priority();
        if (job.reportedPriority() != null && job.reportedPriority().isMoreUrgentThan(priority)) {
            priority = job.reportedPriority();
        }
        Duration target = customer.entitlement().slaTarget(priority).orElse(defaultSlaTargets.get(priority));
        Instant deadline = job.receivedAt().plus(target);
        // A job booked into an appointment is due when its window closes, when that is later than the SLA target.
        if (job.arrivalWindow() != null && job.arrivalWindow().end().isAfter(deadline)) {
            deadline = job.arrivalWindow().end();
        }
        boolean typedDuration = type != null && type.duration() != null && !type.duration().isNegative()
                && !type.duration().isZero();
        Duration duration = typedDuration ? type.duration() : rule.duration();
        String name = type == null ? rule.name() : "job-type:" + type.name() + " + " + rule.name();
        if (typed) {
            // The source's job type says which skills the work needs: the first is required, the others too.
            Map<String, Integer> additional = new java.util.LinkedHashMap<>();
            type.skills().stream().skip(1).forEach(skill -> additional.put(skill, 1));
            String skill = type.skills().get(0);
            int level = skill.equals(rule.requiredSkill()) ? rule.minimumSkillLevel() : 1;
            return new Classification(rule.category(), priority, skill, level, additional, Map.of(),
                    rule.requiredCertification(), duration, deadline, rule.safetyImpact() || job.safetyImpactReported(),
                    name);
        }
        return new Classification(rule.category(), priority, rule.requiredSkill(), rule.minimumSkillLevel(),
                rule.additionalSkills(), rule.alternativeSkills(), rule.requiredCertification(), duration, deadline,
                rule.safetyImpact() || job.safetyImpactReported(), name);
    }

    public List<ClassificationRule> rules() {
        return rules;
    }
}
