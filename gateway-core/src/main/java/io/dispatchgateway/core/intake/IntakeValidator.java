package io.dispatchgateway.core.intake;

import io.dispatchgateway.core.model.ArrivalWindow;
import io.dispatchgateway.core.model.Job;
import io.dispatchgateway.core.model.WorkType;
import io.dispatchgateway.core.port.CustomerDirectory;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Checks a submitted job field by field: the bean constraints of {@link JobIntake}, then that the customer
 * is known. Every problem is reported, not only the first.
 */
public final class IntakeValidator {

    /** The tenant of a job that names none. */
    public static final String DEFAULT_TENANT = io.dispatchgateway.core.model.Tenants.DEFAULT;

    private final Validator validator;
    private final CustomerDirectory customers;

    public IntakeValidator(Validator validator, CustomerDirectory customers) {
        this.validator = validator;
        this.customers = customers;
    }

    public List<FieldProblem> check(JobIntake intake) {
        if (intake == null) {
            return List.of(new FieldProblem("$", "a job object is required"));
        }
        List<FieldProblem> problems = new ArrayList<>();
        for (ConstraintViolation<JobIntake> violation : validator.validate(intake)) {
            problems.add(FieldProblem.of(violation));
        }
        JobIntake.Window window = intake.arrivalWindow();
        if (window != null && window.start() != null && window.end() != null && !window.end().isAfter(window.start())) {
            problems.add(new FieldProblem("arrivalWindow.end", "must be after arrivalWindow.start ("
                    + window.start() + ")"));
        }
        if (intake.partQuantities() != null) {
            List<String> parts = intake.requiredParts() == null ? List.of() : intake.requiredParts();
            intake.partQuantities().keySet().stream().filter(part -> part != null && !parts.contains(part)).sorted()
                    .forEach(part -> problems.add(new FieldProblem("partQuantities." + part,
                            "is not one of requiredParts; list the part there too")));
        }
        boolean customerIdUsable = problems.stream().noneMatch(p -> p.concerns("customerId"));
        String tenant = intake.tenant() == null ? DEFAULT_TENANT : intake.tenant();
        // Another tenant's customer reads as unknown: the answer must not tell that it exists.
        if (customerIdUsable && customers.find(intake.customerId()).filter(c -> c.tenant().equals(tenant)).isEmpty()) {
            problems.add(new FieldProblem("customerId", "no customer with id '" + intake.customerId()
                    + "' is known for tenant '" + tenant + "'; load it with PUT /api/v1/customers/{id} or from the"
                    + " field-service system first"));
        }
        problems.sort(Comparator.comparing(FieldProblem::field).thenComparing(FieldProblem::message));
        return List.copyOf(problems);
    }

    /** Builds the canonical job from an intake that passed {@link #check}. */
    public static Job toJob(String id, String source, JobIntake intake, Instant receivedAt) {
        String tenant = intake.tenant() == null ? DEFAULT_TENANT : intake.tenant();
        return new Job(id, tenant, source, intake.externalId().strip(), intake.customerId().strip(),
                intake.summary().strip(), intake.description(), intake.location(), intake.territory(),
                intake.reportedPriority(),
                intake.requiredParts() == null ? List.of() : intake.requiredParts().stream().map(String::strip).toList(),
                Boolean.TRUE.equals(intake.safetyImpact()), receivedAt,
                intake.arrivalWindow() == null ? null
                        : new ArrivalWindow(intake.arrivalWindow().start(), intake.arrivalWindow().end()),
                intake.notBefore(), intake.partQuantities(),
                intake.assignedTechnicianId() == null || intake.assignedTechnicianId().isBlank() ? null
                        : intake.assignedTechnicianId().strip(),
                intake.jobType() == null ? null : new WorkType(intake.jobType().name().strip(),
                        intake.jobType().skills() == null ? List.of()
                                : intake.jobType().skills().stream().map(String::strip).toList(),
                        intake.jobType().duration(), intake.jobType().priority()));
    }
}
