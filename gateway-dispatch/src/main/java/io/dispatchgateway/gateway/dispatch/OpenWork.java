package io.dispatchgateway.gateway.dispatch;

import io.dispatchgateway.core.model.Approval;
import io.dispatchgateway.core.model.ApprovalStatus;
import io.dispatchgateway.core.model.AssignmentMode;
import io.dispatchgateway.core.model.Customer;
import io.dispatchgateway.core.model.JobStatus;
import io.dispatchgateway.core.model.Technician;
import io.dispatchgateway.core.model.TenantScope;
import io.dispatchgateway.core.plan.Visit;
import io.dispatchgateway.core.port.CustomerDirectory;
import io.dispatchgateway.core.port.InventoryLookup;
import io.dispatchgateway.core.port.TechnicianDirectory;
import io.dispatchgateway.core.rank.PolicyCatalog;
import io.dispatchgateway.core.rank.RankingInput;
import io.dispatchgateway.core.rank.RankingPolicy;
import io.dispatchgateway.gateway.persistence.JobStore;
import io.dispatchgateway.optimizer.OpenJob;
import io.dispatchgateway.optimizer.OptimizationProblem;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The open work an optimization may move: every job a plan holds that has not started in the field (proposals
 * waiting for approval, assigned jobs), except a job a person put where it is (an override, the office's
 * assignment, a dispatcher's reassignment), one paused, or one waiting for a manager's bump decision.
 */
@Component
public class OpenWork {

    private final TechnicianDirectory technicians;
    private final PlanBook plans;
    private final JobStore jobs;
    private final CustomerDirectory customers;
    private final PolicyCatalog policies;
    private final InventoryLookup inventory;

    public OpenWork(TechnicianDirectory technicians, PlanBook plans, JobStore jobs, CustomerDirectory customers,
            PolicyCatalog policies, InventoryLookup inventory) {
        this.technicians = technicians;
        this.plans = plans;
        this.jobs = jobs;
        this.customers = customers;
        this.policies = policies;
        this.inventory = inventory;
    }

    /** The problem an optimization solves, and the open jobs in it by id. */
    public record Found(OptimizationProblem problem, Map<String, List<Visit>> current, Map<String, OpenJob> open) {}

    /**
     * The plans of {@code territory}'s technicians (all when null) who work only for {@code tenants}, and their
     * open jobs planned on local {@code date} (every day when null).
     */
    public Found find(String territory, LocalDate date, TenantScope tenants, Instant now) {
        List<Technician> roster = technicians.all().stream()
                .filter(t -> territory == null || territory.equals(t.territory()))
                .filter(t -> tenants.covers(t.tenants())).toList();
        Set<String> ids = new HashSet<>();
        roster.forEach(t -> ids.add(t.id()));
        Map<String, List<Visit>> current = new HashMap<>();
        plans.all().forEach((technician, visits) -> {
            if (ids.contains(technician)) {
                current.put(technician, visits);
            }
        });
        Set<String> onDate = new HashSet<>();
        if (date != null) {
            // Only the visits the plans put on that day are open; the others stay where they are.
            current.keySet().forEach(technician -> plans.plan(technician).ifPresent(plan -> plan.visits().stream()
                    .filter(v -> v.planned() && date.equals(v.day())).forEach(v -> onDate.add(v.jobId()))));
        }
        Map<String, OpenJob> open = new HashMap<>();
        current.values().forEach(visits -> visits.stream().filter(v -> date == null || onDate.contains(v.jobId()))
                .forEach(visit -> openJob(visit, now).filter(job -> tenants.allows(job.input().job().tenant()))
                        .ifPresent(job -> open.put(job.id(), job))));
        return new Found(new OptimizationProblem(now, roster, current, open, inventory.depots()), current, open);
    }

    /** Whether a job in this status is still the plans' to move. */
    static boolean open(JobStatus status) {
        return status == JobStatus.ASSIGNED || status == JobStatus.RANKED || status == JobStatus.PENDING_APPROVAL
                || status == JobStatus.ESCALATED;
    }

    private Optional<OpenJob> openJob(Visit visit, Instant now) {
        if (!visit.state().movable() || visit.state() == Visit.State.PAUSED) {
            return Optional.empty();
        }
        JobStore.StoredJob stored = jobs.find(visit.jobId()).orElse(null);
        if (stored == null || !open(stored.status()) || stored.classification() == null) {
            return Optional.empty();
        }
        if (stored.assignment() != null && (stored.assignment().mode() == AssignmentMode.OVERRIDDEN
                || stored.assignment().mode() == AssignmentMode.IMPORTED
                || (stored.assignment().mode() == AssignmentMode.REASSIGNED
                        && String.valueOf(stored.assignment().assignedBy()).startsWith("user:")))) {
            return Optional.empty(); // a person put it there
        }
        Optional<Approval> approval = jobs.latestApprovalForJob(visit.jobId());
        if (approval.isPresent() && approval.get().status() == ApprovalStatus.PENDING
                && approval.get().managerOnly()) {
            return Optional.empty(); // a bump waits for a manager
        }
        Customer customer = customers.find(stored.job().customerId()).orElse(null);
        if (customer == null) {
            return Optional.empty();
        }
        RankingPolicy policy = policies.select(stored.job(), stored.classification(), customer);
        return Optional.of(new OpenJob(new RankingInput(stored.job(), stored.classification(), customer, now,
                List.of(), Map.of(), Map.of(), inventory.depots()), policy, visit));
    }
}
