package io.dispatchgateway.core.classify;

import io.dispatchgateway.core.model.Classification;
import io.dispatchgateway.core.model.Customer;
import io.dispatchgateway.core.model.Job;
import io.dispatchgateway.core.model.Priority;
import io.dispatchgateway.core.model.WorkType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

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

    /**
     * The rules' classification, and why a language model might help with it: no keyword of any rule matches
     * (the job fell to a rule without keywords or to the fallback), or keyword rules of different categories
     * match. A job whose source gave its job type with skills is never in doubt.
     *
     * @param doubt empty when the rules are sure
     */
    public record Assessment(Classification classification, Optional<String> doubt) {}

    public Assessment assess(Job job, Customer customer) {
        Classification classification = classify(job, customer);
        if (job.workType() != null && !job.workType().skills().isEmpty()) {
            return new Assessment(classification, Optional.empty());
        }
        String text = text(job);
        List<ClassificationRule> matched = rules.stream()
                .filter(r -> !r.keywords().isEmpty() && r.matches(text, customer.tier())).toList();
        if (matched.isEmpty()) {
            return new Assessment(classification, Optional.of("no rule matches"));
        }
        List<String> categories = matched.stream().map(ClassificationRule::category).distinct().toList();
        if (categories.size() > 1) {
            return new Assessment(classification, Optional.of("rules disagree: " + matched.stream()
                    .map(r -> r.name() + " (" + r.category() + ")").distinct().collect(Collectors.joining(", "))));
        }
        return new Assessment(classification, Optional.empty());
    }

    /**
     * A model's proposal applied on top of the rules' classification, or the problems that refuse it. Refused
     * when its category is not one of the table's or its skill is not {@code knownSkills}. Adopted: the
     * category, skill and duration are the model's; the priority is the more urgent of the model's and the
     * rules'; the safety flag is set when either sets it; the certification and minimum skill level come from
     * the first rule of the table with that category and skill (none and 1 when no rule has both; the rules'
     * certification stays when they flagged safety and that rule asks for none); the SLA deadline follows the
     * final priority. Refused too when a field is missing or the duration is outside 15 to 720 minutes, so a
     * proposal from any assistant is checked here, validated or not. {@code notes} say where the rules overruled
     * the model.
     */
    public record Adoption(Classification classification, List<String> problems, List<String> notes) {

        public boolean adopted() {
            return classification != null;
        }
    }

    public Adoption adopt(Job job, Customer customer, Classification rules, ModelClassification proposal,
            String model, Collection<String> knownSkills) {
        List<String> problems = new ArrayList<>();
        if (proposal.priority() == null || proposal.durationMinutes() == null || proposal.safetyImpact() == null) {
            problems.add("the proposal lacks its priority, duration or safety impact");
        }
        String category = proposal.category() == null ? null : categories().stream()
                .filter(c -> c.equalsIgnoreCase(proposal.category().trim())).findFirst().orElse(null);
        if (category == null) {
            problems.add("category '" + proposal.category() + "' is not one of the rule table's");
        }
        String skill = proposal.requiredSkill() == null ? null : knownSkills.stream()
                .filter(k -> k.equalsIgnoreCase(proposal.requiredSkill().trim())).findFirst().orElse(null);
        if (skill == null) {
            problems.add("skill '" + proposal.requiredSkill() + "' is not a known skill");
        }
        Integer minutes = proposal.durationMinutes();
        if (minutes != null
                && (minutes < ModelClassification.MIN_MINUTES || minutes > ModelClassification.MAX_MINUTES)) {
            problems.add("duration " + minutes + " minutes is outside " + ModelClassification.MIN_MINUTES + " to "
                    + ModelClassification.MAX_MINUTES);
        }
        if (!problems.isEmpty()) {
            return new Adoption(null, problems, List.of());
        }
        List<String> notes = new ArrayList<>();
        Priority priority = proposal.priority();
        if (rules.priority().isMoreUrgentThan(priority)) {
            notes.add("the model's priority " + priority + " is below the rules' " + rules.priority()
                    + ": kept " + rules.priority());
            priority = rules.priority();
        }
        boolean safety = rules.safetyImpact() || proposal.safetyImpact();
        if (rules.safetyImpact() && !proposal.safetyImpact()) {
            notes.add("the model saw no safety impact; the rules' safety flag stays");
        }
        Optional<ClassificationRule> template = this.rules.stream()
                .filter(r -> r.category().equals(category) && skill.equals(r.requiredSkill())).findFirst();
        String certification = template.map(ClassificationRule::requiredCertification).orElse(null);
        if (certification == null && rules.safetyImpact() && rules.requiredCertification() != null) {
            // Like the safety flag, the certification the rules ask for on safety work stays.
            certification = rules.requiredCertification();
            notes.add("the rules' certification " + certification + " for safety work stays");
        }
        return new Adoption(new Classification(category, priority, skill,
                template.map(ClassificationRule::minimumSkillLevel).orElse(1), Map.of(), Map.of(), certification,
                Duration.ofMinutes(proposal.durationMinutes()), deadline(job, customer, priority), safety,
                "model:" + model + " (rules: " + rules.rule() + ")", model), List.of(), notes);
    }

    /** The categories of the table, the fallback's included, in table order. */
    public List<String> categories() {
        return Stream.concat(rules.stream(), Stream.of(FALLBACK_RULE)).map(ClassificationRule::category).distinct()
                .toList();
    }

    /** Every skill a rule of the table asks for (required, additional or alternative), the fallback's included. */
    public List<String> skills() {
        Set<String> skills = new LinkedHashSet<>();
        Stream.concat(rules.stream(), Stream.of(FALLBACK_RULE)).forEach(r -> {
            skills.add(r.requiredSkill());
            skills.addAll(r.additionalSkills() == null ? Set.of() : r.additionalSkills().keySet());
            skills.addAll(r.alternativeSkills() == null ? Set.of() : r.alternativeSkills().keySet());
        });
        skills.remove(null);
        return List.copyOf(skills);
    }

    public Classification classify(Job job, Customer customer) {
        String text = text(job);
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
        Instant deadline = deadline(job, customer, priority);
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

    private Instant deadline(Job job, Customer customer, Priority priority) {
        Duration target = customer.entitlement().slaTarget(priority).orElse(defaultSlaTargets.get(priority));
        Instant deadline = job.receivedAt().plus(target);
        // A job booked into an appointment is due when its window closes, when that is later than the SLA target.
        if (job.arrivalWindow() != null && job.arrivalWindow().end().isAfter(deadline)) {
            deadline = job.arrivalWindow().end();
        }
        return deadline;
    }

    private static String text(Job job) {
        return (job.summary() + "\n" + (job.description() == null ? "" : job.description())).toLowerCase(Locale.ROOT);
    }
}
