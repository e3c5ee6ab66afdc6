package io.dispatchgateway.gateway.settings;

import io.dispatchgateway.core.classify.ClassificationRule;
import io.dispatchgateway.core.model.CustomerTier;
import io.dispatchgateway.core.model.Priority;
import io.dispatchgateway.core.rank.RankingPolicy;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * @param planning how technicians' day plans are laid out
 * @param approval approval policy
 * @param recovery re-sending jobs that stopped between stages
 * @param writeBack retrying assignments not yet written back
 * @param kpi pushing KPI fact rows to a BI service
 * @param operations live operations: the SLA watch, the exception rules and the technician's pack link
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
        @DefaultValue @Valid @NotNull Planning planning,
        @DefaultValue @Valid @NotNull Approval approval,
        @DefaultValue @Valid @NotNull Recovery recovery,
        @DefaultValue @Valid @NotNull WriteBack writeBack,
        @DefaultValue @Valid @NotNull Kpi kpi,
        @DefaultValue @Valid @NotNull Operations operations,
        @DefaultValue @Valid @NotNull Security security,
        @DefaultValue @Valid @NotNull Quarantine quarantine) {

    /**
     * @param keep how long a quarantine entry is kept
     * @param maxPayload how much of a refused payload an entry keeps (the rest is cut, and the entry says so)
     * @param purgeInterval how often entries older than {@code keep} are removed
     */
    public record Quarantine(@DefaultValue("30d") @NotNull Duration keep,
            @DefaultValue("64KB") @NotNull DataSize maxPayload,
            @DefaultValue("1h") @NotNull Duration purgeInterval) {}

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
    /**
     * @param committedSources the sources whose own dispatchers assign work ({@code assignedTechnicianId}): a job
     *        from any other source that names a technician is refused, so nobody who can post jobs pins work
     * @param ownedSources sources only their own adapter may name: a job naming one is refused from any other
     *        channel (the REST API, Kafka), so nobody who can post jobs writes into that system
     */
    public record Intake(@DefaultValue("256KB") @NotNull DataSize maxBodySize,
            @DefaultValue("5s") @NotNull Duration inboxPollInterval,
            @DefaultValue("servicetitan") @NotNull List<String> committedSources,
            @DefaultValue("servicetitan") @NotNull List<String> ownedSources) {}

    /**
     * @param rules the rule table, first match wins
     * @param defaultSlaTargets SLA response targets for customers whose contract has none for a priority
     */
    public record Classification(@NotEmpty List<ClassificationRule> rules,
            @NotEmpty Map<Priority, Duration> defaultSlaTargets) {}

    /**
     * @param defaultPolicy the policy used when no selector matches
     * @param policies the named weight sets
     * @param selection rules choosing a policy by category, priority, customer tier or tenant; first match wins
     * @param maxOptions how many of the best options a recommendation lists
     * @param maxTravelMinutes the travel limit, and the travel time that scores zero
     * @param dailyCapacity active jobs at which a technician is full
     * @param overtimeAllowance how far past the shift end a job may run
     * @param maxPickupDetour the longest detour to fetch a part from a depot
     * @param crossTerritory whether technicians may work outside their territory
     * @param slaRisk the arrival uncertainty model
     * @param penaltyScale expected penalty cost that scores zero on the penalty objective
     * @param pickupSpeedKmh driving speed used for pickup detours
     * @param measureTop how many of the best options (ranked on the offline estimate) get measured travel times
     *        from the maps provider; the rest keep the estimate
     */
    public record Ranking(
            @DefaultValue("balanced") @NotBlank String defaultPolicy,
            @NotEmpty Map<String, @Valid Policy> policies,
            List<@Valid Selector> selection,
            @DefaultValue("10") @Positive int maxOptions,
            @DefaultValue("120") @Positive double maxTravelMinutes,
            @DefaultValue("6") @Positive int dailyCapacity,
            @DefaultValue("30m") @NotNull Duration overtimeAllowance,
            @DefaultValue("30m") @NotNull Duration maxPickupDetour,
            @DefaultValue("false") boolean crossTerritory,
            @DefaultValue @Valid @NotNull SlaRisk slaRisk,
            @DefaultValue("10000") @Positive double penaltyScale,
            @DefaultValue("40") @Positive double pickupSpeedKmh,
            @DefaultValue("10") @PositiveOrZero int measureTop) {

        public Ranking {
            selection = selection == null ? List.of() : List.copyOf(selection);
        }
    }

    /**
     * @param horizon how far ahead jobs are planned: into any shift that starts before now plus this
     * @param breakRule the break each shift day includes (property {@code gateway.planning.break}); none when unset
     * @param optimize whether the plan optimizer runs on its own (route {@code plan-optimize}); on demand it always can
     * @param optimizeInterval how often the optimizer re-plans the open work
     * @param burstJobs more new jobs than this within a minute make it run at once (at most once a minute)
     * @param optimizeSeconds how long one optimization may take (it also stops after half that without a better plan)
     * @param optimizeMoves when set, each optimization evaluates this many moves instead of running for a time: the
     *        same open work then gives the same plans (a simulation sets it)
     */
    public record Planning(@DefaultValue("2d") @NotNull Duration horizon,
            @org.springframework.boot.context.properties.bind.Name("break") @Valid Break breakRule,
            @DefaultValue("true") boolean optimize, @DefaultValue("10m") @NotNull Duration optimizeInterval,
            @DefaultValue("20") @PositiveOrZero int burstJobs, @DefaultValue("5s") @NotNull Duration optimizeSeconds,
            @jakarta.validation.constraints.Positive Long optimizeMoves) {}

    /**
     * @param window local times between which the break starts ({@code HH:mm-HH:mm})
     * @param length how long it is
     */
    public record Break(@NotNull @jakarta.validation.constraints.Pattern(regexp = "\\d{2}:\\d{2}-\\d{2}:\\d{2}",
            message = "must look like 11:30-13:30") String window, @DefaultValue("30m") @NotNull Duration length) {}

    /**
     * @param description what the policy is for
     * @param weights objective name to weight
     * @param skillPreference MOST_QUALIFIED or LEAST_QUALIFIED
     */
    public record Policy(String description, @NotEmpty Map<String, Double> weights,
            @DefaultValue("MOST_QUALIFIED") RankingPolicy.SkillPreference skillPreference) {}

    /** A policy selection rule; an empty condition matches anything. */
    public record Selector(Set<String> categories, Set<Priority> priorities, Set<CustomerTier> tiers,
            Set<String> tenants, @NotBlank String policy) {}

    /**
     * @param baseUncertainty standard deviation of arrival that does not depend on the trip
     * @param travelUncertainty standard deviation added per minute of travel
     */
    public record SlaRisk(@DefaultValue("5m") @NotNull Duration baseUncertainty,
            @DefaultValue("0.25") @PositiveOrZero double travelUncertainty) {}

    /**
     * @param expectedPenaltyThreshold an expected penalty with the best option at or over this needs approval
     * @param criticalTiers customer tiers whose jobs always need approval
     * @param closeCallMargin top two scores closer than this need approval
     * @param timeouts how long an approval may wait, per job priority, before it is escalated to the managers
     * @param fallbackAfter how long after the escalation the fallback applies
     * @param fallback what happens then: KEEP_WAITING, or ASSIGN_BEST (the best option, said in the audit)
     * @param checkInterval how often waiting approvals are looked at
     */
    public record Approval(@DefaultValue("1000") @PositiveOrZero BigDecimal expectedPenaltyThreshold,
            @DefaultValue("PLATINUM") Set<CustomerTier> criticalTiers,
            @DefaultValue("0.005") @PositiveOrZero double closeCallMargin,
            Map<Priority, Duration> timeouts,
            @DefaultValue("30m") @NotNull Duration fallbackAfter,
            @DefaultValue("KEEP_WAITING") @NotNull Fallback fallback,
            @DefaultValue("30s") @NotNull Duration checkInterval) {

        /** What happens when nobody decides an escalated approval in time. */
        public enum Fallback { KEEP_WAITING, ASSIGN_BEST }

        public Approval {
            timeouts = timeouts == null || timeouts.isEmpty() ? Map.of(Priority.CRITICAL, Duration.ofMinutes(15),
                    Priority.HIGH, Duration.ofMinutes(30), Priority.NORMAL, Duration.ofHours(2), Priority.LOW,
                    Duration.ofHours(8)) : Map.copyOf(timeouts);
        }
    }

    /**
     * @param stalledAfter a job that has not moved on from an intermediate stage for this long is sent again
     * @param interval how often stalled jobs are looked for
     */
    public record Recovery(@DefaultValue("2m") @NotNull Duration stalledAfter,
            @DefaultValue("1m") @NotNull Duration interval) {}

    /**
     * @param interval how often pending write-backs are looked at
     * @param initialBackoff the wait after a failed write-back; it doubles per attempt, up to 30 minutes
     */
    public record WriteBack(@DefaultValue("10s") @NotNull Duration interval,
            @DefaultValue("10s") @NotNull Duration initialBackoff) {}

    /**
     * @param pushInterval how often the KPI outbox is emptied into the push service (when one is configured)
     * @param initialBackoff the wait after a failed push; it doubles per attempt, up to {@code maxBackoff}
     * @param maxBackoff the longest wait between two attempts of the same rows
     * @param keepDelivered how long delivered rows stay in the outbox before they are removed
     */
    public record Kpi(@DefaultValue("5s") @NotNull Duration pushInterval,
            @DefaultValue("10s") @NotNull Duration initialBackoff,
            @DefaultValue("5m") @NotNull Duration maxBackoff,
            @DefaultValue("30d") @NotNull Duration keepDelivered) {}

    /**
     * @param monitorInterval how often the SLA watch looks at every job in the field
     * @param breachThreshold breach probability above which a job is escalated with a reassignment proposal
     * @param reminderBefore time before the deadline when a technician not en route gets an urgent reminder
     * @param supervisorBefore time before the deadline when a job not started is escalated to the supervisor
     * @param arrivalGrace how long after the ETA a missing arrival counts as missed
     * @param restockLeadTime when a missing part nobody can bring is expected, counted from the report
     * @param publicUrl the gateway's address as technicians' phones reach it (for pack links)
     * @param packLinkValidity how long a pack link stays valid after it was made
     * @param dispatchContact how technicians reach the dispatch desk, shown in the pack
     */
    public record Operations(@DefaultValue("1m") @NotNull Duration monitorInterval,
            @DefaultValue("0.5") @DecimalMin("0.0") @DecimalMax("1.0") double breachThreshold,
            @DefaultValue("30m") @NotNull Duration reminderBefore,
            @DefaultValue("1h") @NotNull Duration supervisorBefore,
            @DefaultValue("10m") @NotNull Duration arrivalGrace,
            @DefaultValue("24h") @NotNull Duration restockLeadTime,
            @DefaultValue("http://localhost:8080") @NotNull java.net.URI publicUrl,
            @DefaultValue("24h") @NotNull Duration packLinkValidity,
            @DefaultValue("the dispatch desk") @NotBlank String dispatchContact) {}

    /**
     * @param users user name to password hash, roles and tenants (HTTP Basic)
     * @param oidc bearer tokens from an OpenID Connect issuer (Microsoft Entra ID, Keycloak, ...); off unless
     *        {@code jwk-set-uri} or {@code issuer-uri} is set
     */
    public record Security(Map<String, @Valid User> users, @Valid Oidc oidc) {

        public Security {
            users = users == null ? Map.of() : Map.copyOf(users);
            oidc = oidc == null ? new Oidc(null, null, null, null, null, null, null, null, null) : oidc;
        }
    }

    /**
     * @param password the password hash with its encoder prefix, e.g. {@code {bcrypt}$2a$10$...}
     * @param roles roles among INTEGRATION, DISPATCHER, MANAGER, ADMIN, KPI_READER
     * @param tenants the tenants the user acts for; none (the default) means every tenant
     */
    public record User(@NotBlank String password, @NotEmpty List<String> roles,
            List<@jakarta.validation.constraints.Pattern(regexp = "[a-z0-9][a-z0-9-]*|\\*",
                    message = "must be a tenant name or *") String> tenants) {

        public User {
            tenants = tenants == null ? List.of() : List.copyOf(tenants);
        }
    }

    /**
     * Bearer tokens (JWT) from an OpenID Connect issuer, beside HTTP Basic.
     *
     * @param issuerUri the issuer every token must name ({@code iss}); its discovery document gives the keys when
     *        {@code jwkSetUri} is not set
     * @param jwkSetUri where the issuer's signing keys are published
     * @param audience the audience every token must name ({@code aud}): the gateway's application id URI
     * @param rolesClaim the claim listing the caller's roles (Entra ID app roles: {@code roles})
     * @param tenantsClaim the claim listing the tenants the caller acts for; a token without it acts for none,
     *        unless it holds the {@code *} tenant
     * @param principalClaim the claim naming the caller in the audit ({@code sub} when the token lacks it)
     * @param roleMapping claim value to gateway role, for issuers whose role names differ (a value not mapped is
     *        taken as the role's own name)
     * @param tenantRolePrefix a roles-claim value with this prefix names a tenant the caller acts for (Entra ID app
     *        roles {@code Tenant.acme}, which client-credentials tokens carry as well)
     * @param clientTenants a service's client id (the {@code azp} or {@code appid} claim) to the tenants it acts for
     */
    public record Oidc(java.net.URI issuerUri, java.net.URI jwkSetUri, String audience, String rolesClaim,
            String tenantsClaim, String principalClaim, Map<String, String> roleMapping, String tenantRolePrefix,
            Map<String, List<String>> clientTenants) {

        public Oidc {
            rolesClaim = rolesClaim == null || rolesClaim.isBlank() ? "roles" : rolesClaim;
            tenantsClaim = tenantsClaim == null || tenantsClaim.isBlank() ? "tenants" : tenantsClaim;
            principalClaim = principalClaim == null || principalClaim.isBlank() ? "preferred_username"
                    : principalClaim;
            roleMapping = roleMapping == null ? Map.of() : Map.copyOf(roleMapping);
            tenantRolePrefix = tenantRolePrefix == null || tenantRolePrefix.isBlank() ? "Tenant." : tenantRolePrefix;
            clientTenants = clientTenants == null ? Map.of() : Map.copyOf(clientTenants);
        }

        public boolean enabled() {
            return issuerUri != null || jwkSetUri != null;
        }
    }
}
