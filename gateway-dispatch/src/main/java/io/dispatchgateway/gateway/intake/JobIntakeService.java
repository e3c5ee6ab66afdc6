package io.dispatchgateway.gateway.intake;

import io.dispatchgateway.core.model.Ids;
import io.dispatchgateway.core.model.AuditAction;
import io.dispatchgateway.core.model.Tenants;
import io.dispatchgateway.core.model.TenantScope;
import io.dispatchgateway.core.intake.FieldProblem;
import io.dispatchgateway.core.intake.IntakeValidator;
import io.dispatchgateway.core.intake.JobIntake;
import io.dispatchgateway.core.model.Job;
import io.dispatchgateway.gateway.settings.GatewayProperties;
import io.dispatchgateway.gateway.persistence.AuditLog;
import io.dispatchgateway.gateway.persistence.JobStore;
import io.dispatchgateway.gateway.persistence.QuarantineStore;
import io.dispatchgateway.core.port.KpiSink;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Accepts a raw job payload from any channel: reads it strictly, checks every field, quarantines it with
 * the reasons when it fails, and otherwise stores the job once per source and external id.
 */
@Service
public class JobIntakeService {

    /** Quarantine kind of job payloads. */
    public static final String KIND = "job";

    private final PayloadReader reader;
    private final IntakeValidator validator;
    private final QuarantineStore quarantine;
    private final JobStore jobs;
    private final AuditLog audit;
    private final Clock clock;
    private final KpiSink kpis;
    private final List<String> committedSources;
    private final List<String> ownedSources;

    public JobIntakeService(PayloadReader reader, IntakeValidator validator, QuarantineStore quarantine,
            JobStore jobs, AuditLog audit, Clock clock, KpiSink kpis, GatewayProperties properties) {
        this.committedSources = properties.intake().committedSources();
        this.ownedSources = properties.intake().ownedSources();
        this.reader = reader;
        this.validator = validator;
        this.quarantine = quarantine;
        this.jobs = jobs;
        this.audit = audit;
        this.clock = clock;
        this.kpis = kpis;
    }

    /**
     * @param payload the JSON document of the intake contract
     * @param channel where it arrived ({@code api}, {@code kafka}, {@code inbox}); the default source
     * @param actor who submitted it
     */
    @Transactional
    public IntakeOutcome accept(String payload, String channel, String actor) {
        return accept(payload, channel, actor, TenantScope.ALL);
    }

    /**
     * As {@link #accept(String, String, String)} from a caller acting for {@code caller}'s tenants: a job names
     * one of them, or is the caller's one tenant's; a caller of several tenants names the tenant.
     */
    @Transactional
    public IntakeOutcome accept(String payload, String channel, String actor, TenantScope caller) {
        PayloadReader.Parsed<JobIntake> read = reader.parse(payload, JobIntake.class);
        List<FieldProblem> tenantProblems = new java.util.ArrayList<>();
        PayloadReader.Parsed<JobIntake> parsed = read.value() == null ? read
                : new PayloadReader.Parsed<>(withTenant(read.value(), caller, tenantProblems), read.problems());
        List<FieldProblem> problems = new java.util.ArrayList<>(tenantProblems);
        problems.addAll(parsed.withChecks(validator::check));
        String tenant = parsed.value() != null && parsed.value().tenant() != null && caller.allows(parsed.value().tenant())
                ? parsed.value().tenant() : caller.single().orElse(null);
        String source = parsed.value() != null && parsed.value().source() != null && problems.stream()
                .noneMatch(p -> p.field().equals("source")) ? parsed.value().source() : channel;
        if (problems.isEmpty() && ownedSources.contains(source) && !source.equals(channel)) {
            // Its jobs are written back into that system: only its own adapter may bring them in.
            problems = List.of(new FieldProblem("source", "'" + source + "' is the " + source + " adapter's own"
                    + " source (gateway.intake.owned-sources); it cannot be sent via " + channel));
        }
        if (problems.isEmpty() && parsed.value().assignedTechnicianId() != null
                && !committedSources.contains(source)) {
            problems = List.of(new FieldProblem("assignedTechnicianId", "only a source whose own dispatchers"
                    + " assign work may name the technician (gateway.intake.committed-sources: "
                    + String.join(", ", committedSources) + "); source '" + source + "' is not one"));
        }
        if (!problems.isEmpty()) {
            return IntakeOutcome.rejected(problems, quarantine.quarantine(tenant, source, KIND, problems, payload));
        }
        Job job = IntakeValidator.toJob(Ids.job(),
                source, parsed.value(), clock.instant());
        JobStore.Insert insert = jobs.insertIfAbsent(job);
        if (insert.created()) {
            audit.record(insert.id(), actor, AuditAction.RECEIVED,
                    "from " + source + " as " + job.externalId() + " via "
                    + channel);
            kpis.record(new KpiSink.KpiFact(insert.id(), "received", job.receivedAt(), Map.of("actor", actor)));
        } else {
            audit.record(insert.id(), actor, AuditAction.DUPLICATE_IGNORED,
                    "the same " + source + " job " + job.externalId()
                    + " was submitted again via " + channel);
        }
        return IntakeOutcome.accepted(insert.id(), insert.status(), insert.created());
    }

    /** The intake with its tenant settled for {@code caller}, or a problem with the tenant in {@code problems}. */
    private static JobIntake withTenant(JobIntake intake, TenantScope caller, List<FieldProblem> problems) {
        if (intake.tenant() != null) {
            if (!caller.allows(intake.tenant())) {
                problems.add(new FieldProblem("tenant", "'" + intake.tenant() + "' is not a tenant you act for ("
                        + caller + ")"));
            }
            return intake;
        }
        if (caller.all()) {
            return intake.withTenant(Tenants.DEFAULT);
        }
        if (caller.single().isPresent()) {
            return intake.withTenant(caller.single().get());
        }
        if (caller.allows(Tenants.DEFAULT)) {
            return intake.withTenant(Tenants.DEFAULT);
        }
        problems.add(new FieldProblem("tenant", "is required: you act for " + caller + "; name one of them"));
        return intake;
    }
}
