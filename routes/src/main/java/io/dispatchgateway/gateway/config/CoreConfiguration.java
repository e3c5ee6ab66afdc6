package io.dispatchgateway.gateway.config;

import io.dispatchgateway.gateway.settings.GatewayProperties;
import io.dispatchgateway.core.approval.ApprovalLinks;
import io.dispatchgateway.core.approval.ApprovalPolicy;
import io.dispatchgateway.core.classify.JobClassifier;
import io.dispatchgateway.core.dispatch.AssignmentPlanner;
import io.dispatchgateway.optimizer.PlanOptimizer;
import io.dispatchgateway.core.dispatch.DispatchPackComposer;
import io.dispatchgateway.core.plan.LegTimes;
import io.dispatchgateway.core.plan.PlanSettings;
import java.time.LocalTime;
import io.dispatchgateway.core.intake.IntakeValidator;
import io.dispatchgateway.core.port.CustomerDirectory;
import io.dispatchgateway.core.port.OfflineTravelTimes;
import io.dispatchgateway.core.port.TravelTimeMatrix;
import io.dispatchgateway.core.rank.CandidateRanker;
import io.dispatchgateway.core.rank.PolicyCatalog;
import io.dispatchgateway.core.rank.RankingInputAssembler;
import io.dispatchgateway.core.rank.RankingPolicy;
import io.dispatchgateway.core.rank.RankingSettings;
import io.dispatchgateway.core.live.SlaWatch;
import io.dispatchgateway.core.rank.SlaRiskEstimator;
import jakarta.validation.Validator;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the plain-Java decision components of gateway-core from the gateway's settings. */
@Configuration(proxyBeanMethods = false)
public class CoreConfiguration {

    @Bean
    public JobClassifier jobClassifier(GatewayProperties properties) {
        return new JobClassifier(properties.classification().rules(), properties.classification().defaultSlaTargets());
    }

    @Bean
    public RankingSettings rankingSettings(GatewayProperties properties) {
        GatewayProperties.Ranking ranking = properties.ranking();
        GatewayProperties.Break pause = properties.planning().breakRule();
        PlanSettings.BreakRule breakRule;
        try {
            breakRule = pause == null ? null : new PlanSettings.BreakRule(LocalTime.parse(pause.window().substring(0, 5)),
                    LocalTime.parse(pause.window().substring(6)), pause.length());
        } catch (RuntimeException e) {
            throw new IllegalStateException("gateway.planning.break.window: " + e.getMessage(), e);
        }
        return new RankingSettings(properties.zone(), ranking.maxOptions(), ranking.maxTravelMinutes(),
                ranking.dailyCapacity(), ranking.overtimeAllowance(), ranking.maxPickupDetour(),
                ranking.crossTerritory(), new SlaRiskEstimator(ranking.slaRisk().baseUncertainty(),
                        ranking.slaRisk().travelUncertainty()), ranking.penaltyScale(), ranking.pickupSpeedKmh(),
                breakRule, properties.planning().horizon());
    }

    @Bean
    public PolicyCatalog policyCatalog(GatewayProperties properties) {
        GatewayProperties.Ranking ranking = properties.ranking();
        try {
            return new PolicyCatalog(
                    ranking.policies().entrySet().stream()
                            .map(p -> new RankingPolicy(p.getKey(), p.getValue().description(), p.getValue().weights(),
                                    p.getValue().skillPreference()))
                            .toList(),
                    ranking.selection().stream()
                            .map(s -> new PolicyCatalog.Selector(s.categories(), s.priorities(), s.tiers(),
                                    s.tenants(), s.policy()))
                            .toList(),
                    ranking.defaultPolicy());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("gateway.ranking: " + e.getMessage(), e);
        }
    }

    /** Plans are laid out with the offline estimate at each leg's departure time: no network, no bill. */
    @Bean
    public CandidateRanker candidateRanker(RankingSettings settings, OfflineTravelTimes estimate) {
        return CandidateRanker.standard(settings, LegTimes.of(estimate));
    }

    @Bean
    public AssignmentPlanner assignmentPlanner(CandidateRanker ranker) {
        return new AssignmentPlanner(ranker);
    }

    @Bean
    public PlanOptimizer planOptimizer(CandidateRanker ranker, List<TravelTimeMatrix> matrices) {
        // Laid out with what the routing provider already measured (its cache), the estimate elsewhere.
        return new PlanOptimizer(ranker, matrices.stream().filter(m -> !(m instanceof OfflineTravelTimes))
                .findFirst().orElse(null));
    }

    @Bean
    RankingInputAssembler rankingInputAssembler(OfflineTravelTimes estimate, List<TravelTimeMatrix> matrices,
            CandidateRanker ranker, GatewayProperties properties) {
        // A routing provider (the maps adapter's) measures the top options; without one the estimate is final.
        TravelTimeMatrix measure = matrices.stream().filter(m -> !(m instanceof OfflineTravelTimes)).findFirst()
                .orElse(estimate);
        return new RankingInputAssembler(estimate, measure, ranker, properties.ranking().measureTop());
    }

    @Bean
    ApprovalPolicy approvalPolicy(GatewayProperties properties) {
        GatewayProperties.Approval approval = properties.approval();
        return new ApprovalPolicy(approval.expectedPenaltyThreshold(), approval.criticalTiers(),
                approval.closeCallMargin());
    }

    /**
     * Signs and checks approval links. The key is {@code gateway.approval.link-secret}, else the Teams adapter's
     * {@code link-secret}; without either, a key made at start-up (links then stop working at a restart).
     */
    @Bean
    ApprovalLinks approvalLinks(Environment environment) {
        String secret = environment.getProperty("gateway.approval.link-secret",
                environment.getProperty("gateway.adapters.teams.link-secret", ""));
        if (secret.isBlank()) {
            byte[] random = new byte[36];
            new SecureRandom().nextBytes(random);
            secret = Base64.getUrlEncoder().encodeToString(random);
            LoggerFactory.getLogger(CoreConfiguration.class).info("approval links are signed with a key made at"
                    + " start-up; set gateway.approval.link-secret so they survive a restart");
        }
        return new ApprovalLinks(secret);
    }

    @Bean
    SlaWatch slaWatch(GatewayProperties properties) {
        GatewayProperties.Operations operations = properties.operations();
        return new SlaWatch(new SlaRiskEstimator(properties.ranking().slaRisk().baseUncertainty(),
                properties.ranking().slaRisk().travelUncertainty()), operations.breachThreshold(),
                operations.reminderBefore(), operations.supervisorBefore(), operations.arrivalGrace());
    }

    @Bean
    DispatchPackComposer dispatchPackComposer() {
        return new DispatchPackComposer();
    }

    @Bean
    IntakeValidator intakeValidator(Validator validator, CustomerDirectory customers) {
        return new IntakeValidator(validator, customers);
    }
}
