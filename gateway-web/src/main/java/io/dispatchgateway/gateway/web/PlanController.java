package io.dispatchgateway.gateway.web;

import io.dispatchgateway.gateway.persistence.JobStore;
import io.dispatchgateway.core.model.TenantScope;
import io.dispatchgateway.core.plan.TechnicianPlan;
import io.dispatchgateway.gateway.settings.GatewayProperties;
import io.dispatchgateway.gateway.dispatch.PlanBook;
import io.swagger.v3.oas.annotations.Operation;
import java.time.LocalDate;
import java.util.NoSuchElementException;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A technician's plan: the ordered day with its times, and what waits for approval. */
@RestController
public class PlanController {

    private final PlanBook plans;
    private final GatewayProperties properties;
    private final JobStore jobs;

    public PlanController(PlanBook plans, GatewayProperties properties, JobStore jobs) {
        this.jobs = jobs;
        this.plans = plans;
        this.properties = properties;
    }

    /**
     * The plan laid out now, for one local day ({@code date}, default today in {@code gateway.zone}): every visit
     * with departure, drive, arrival, start and finish (state PROPOSED: waiting for approval), the breaks, how the
     * day ends, and the visits that fit in no shift of the horizon.
     */
    @Operation(summary = "A technician's day plan")
    @GetMapping("/api/v1/technicians/{id}/plan")
    public TechnicianPlan plan(@PathVariable String id,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
            TenantScope scope) {
        TechnicianPlan plan = plans.plan(id)
                .orElseThrow(() -> new NoSuchElementException("no technician with id '" + id + "'"));
        LocalDate day = date != null ? date : LocalDate.ofInstant(plan.computedAt(), properties.zone());
        return new TechnicianPlan(plan.technicianId(), plan.computedAt(),
                // A shared technician's visits for other tenants are left out (their time shows as a gap).
                plan.visits().stream().filter(v -> !v.planned() || day.equals(v.day()))
                        .filter(v -> scope.all() || jobs.tenantOf(v.jobId()).filter(scope::allows).isPresent())
                        .toList(),
                plan.breaks().stream().filter(b -> day.equals(b.day())).toList(),
                plan.days().stream().filter(d -> day.equals(d.day())).toList());
    }
}
