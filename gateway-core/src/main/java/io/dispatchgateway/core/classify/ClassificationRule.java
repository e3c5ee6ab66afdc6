package io.dispatchgateway.core.classify;

import io.dispatchgateway.core.model.CustomerTier;
import io.dispatchgateway.core.model.Priority;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One row of the classification table. A rule matches a job when any of its {@code keywords} occurs in the
 * summary or description (case-insensitive; no keywords matches every job) and, if {@code tiers} is not
 * empty, the customer's tier is one of them. {@code additionalSkills} are also required (all-of);
 * of {@code alternativeSkills} one is enough (any-of); both map a skill to its minimum level.
 */
public record ClassificationRule(
        String name,
        List<String> keywords,
        Set<CustomerTier> tiers,
        String category,
        Priority priority,
        String requiredSkill,
        int minimumSkillLevel,
        Map<String, Integer> additionalSkills,
        Map<String, Integer> alternativeSkills,
        String requiredCertification,
        Duration duration,
        boolean safetyImpact) {

    public ClassificationRule {
        keywords = keywords == null ? List.of() : keywords.stream().map(k -> k.toLowerCase(Locale.ROOT)).toList();
        tiers = tiers == null ? Set.of() : Set.copyOf(tiers);
        minimumSkillLevel = Math.max(1, minimumSkillLevel);
    }

    boolean matches(String lowerCaseText, CustomerTier tier) {
        boolean tierMatches = tiers.isEmpty() || tiers.contains(tier);
        boolean wordMatches = keywords.isEmpty() || keywords.stream().anyMatch(lowerCaseText::contains);
        return tierMatches && wordMatches;
    }
}
