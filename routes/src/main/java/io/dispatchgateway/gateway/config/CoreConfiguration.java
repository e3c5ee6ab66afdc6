package io.dispatchgateway.gateway.config;

import io.dispatchgateway.core.approval.ApprovalPolicy;
import io.dispatchgateway.core.classify.JobClassifier;
import io.dispatchgateway.core.dispatch.DispatchPackComposer;
import io.dispatchgateway.core.intake.IntakeValidator;
import io.dispatchgateway.core.port.CustomerDirectory;
import io.dispatchgateway.core.port.TravelTimeMatrix;
import io.dispatchgateway.core.rank.CandidateRanker;
import io.dispatchgateway.core.rank.HardConstraints;
import io.dispatchgateway.core.rank.Objectives;
import io.dispatchgateway.core.rank.RankingPolicy;
import jakarta.validation.Validator;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the plain-Java decision components of gateway-core from the gateway's settings. */
@Configuration(proxyBeanMethods = false)
public class CoreConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    JobClassifier jobClassifier(GatewayProperties properties) {
        return new JobClassifier(properties.classification().rules(), properties.classification().defaultSlaTargets());
    }

    @Bean
    RankingPolicy rankingPolicy(GatewayProperties properties) {
        return new RankingPolicy(properties.ranking().policy(), properties.ranking().weights());
    }

    @Bean
    CandidateRanker candidateRanker(GatewayProperties properties, TravelTimeMatrix travelTimes) {
        return new CandidateRanker(HardConstraints.defaults(properties.zone()),
                Objectives.defaults(properties.ranking().maxTravelMinutes(), properties.ranking().dailyCapacity()),
                travelTimes);
    }

    @Bean
    ApprovalPolicy approvalPolicy(GatewayProperties properties) {
        return new ApprovalPolicy(properties.approval().penaltyThreshold());
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
