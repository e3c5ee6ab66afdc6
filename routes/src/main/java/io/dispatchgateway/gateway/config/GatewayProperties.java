package io.dispatchgateway.gateway.config;

import io.dispatchgateway.core.classify.ClassificationRule;
import io.dispatchgateway.core.model.Priority;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The gateway's settings under {@code gateway.*}.
 *
 * @param dataDir where the embedded database and the job inbox live
 * @param zone the operating time zone (shifts, certification dates)
 * @param rosterLocation a roster file (technicians, customers, depots) loaded at start-up; none when unset
 * @param endpoints the Camel endpoints between the stages of the flow
 * @param intake intake limits
 * @param classification the rule table and default SLA targets
 * @param ranking ranking policy and objective scales
 * @param approval approval policy
 * @param recovery re-sending jobs that stopped between stages
 * @param security the users allowed in
 */
@Validated
@ConfigurationProperties("gateway")
public record GatewayProperties(
        @DefaultValue("./data") @NotNull Path dataDir,
        @DefaultValue("UTC") @NotNull ZoneId zone,
        Resource rosterLocation,
        @Valid @NotNull Endpoints endpoints,
        @DefaultValue @Valid @NotNull Intake intake,
        @Valid @NotNull Classification classification,
        @Valid @NotNull Ranking ranking,
        @DefaultValue @Valid @NotNull Approval approval,
        @DefaultValue @Valid @NotNull Recovery recovery,
        @DefaultValue @Valid @NotNull Security security) {

    /**
     * Camel endpoint URIs between the stages; {@code seda:} runs everything in one process, {@code kafka:}
     * topics spread the stages over instances.
     *
     * @param intake raw job payloads from other systems (JSON of the intake contract)
     * @param jobs accepted jobs, waiting for classification
     * @param classified classified jobs, waiting for ranking
     * @param ranked ranked jobs, waiting for the approval gate
     * @param assignments jobs cleared for assignment, automatically or by a dispatcher
     */
    public record Endpoints(@NotBlank String intake, @NotBlank String jobs, @NotBlank String classified,
            @NotBlank String ranked, @NotBlank String assignments) {}

    /**
     * @param maxBodySize the largest request body the API accepts
     * @param inboxPollInterval how often the job inbox folder is scanned
     */
    public record Intake(@DefaultValue("256KB") @NotNull DataSize maxBodySize,
            @DefaultValue("5s") @NotNull Duration inboxPollInterval) {}

    /**
     * @param rules the rule table, first match wins
     * @param defaultSlaTargets SLA response targets for customers whose contract has none for a priority
     */
    public record Classification(@NotEmpty List<ClassificationRule> rules,
            @NotEmpty Map<Priority, Duration> defaultSlaTargets) {}

    /**
     * @param policy name of the weight set
     * @param weights objective name to weight
     * @param maxTravelMinutes travel time that scores zero on the travel objective
     * @param dailyCapacity active jobs at which the workload objective scores zero
     */
    public record Ranking(@DefaultValue("balanced") @NotBlank String policy, @NotEmpty Map<String, Double> weights,
            @DefaultValue("120") @Positive double maxTravelMinutes, @DefaultValue("6") @Positive int dailyCapacity) {}

    /** @param penaltyThreshold a per-breach penalty at or over this needs a dispatcher's approval */
    public record Approval(@DefaultValue("2500") @PositiveOrZero BigDecimal penaltyThreshold) {}

    /**
     * @param stalledAfter a job that has not moved on from an intermediate stage for this long is sent again
     * @param interval how often stalled jobs are looked for
     */
    public record Recovery(@DefaultValue("2m") @NotNull Duration stalledAfter,
            @DefaultValue("1m") @NotNull Duration interval) {}

    /** @param users user name to password hash and roles */
    public record Security(Map<String, @Valid User> users) {

        public Security {
            users = users == null ? Map.of() : Map.copyOf(users);
        }
    }

    /**
     * @param password the password hash with its encoder prefix, e.g. {@code {bcrypt}$2a$10$...}
     * @param roles roles among INTEGRATION, DISPATCHER, MANAGER, ADMIN, KPI_READER
     */
    public record User(@NotBlank String password, @NotEmpty List<String> roles) {}
}
