package io.dispatchgateway.gateway.intake;

import io.dispatchgateway.core.intake.FieldProblem;
import io.dispatchgateway.core.model.JobStatus;
import java.util.List;

/**
 * What intake did with a payload: accepted it as a job (new, or the existing one for the same source and
 * external id), or quarantined it with its problems.
 */
public record IntakeOutcome(String jobId, JobStatus status, boolean created, List<FieldProblem> problems,
        String quarantineId) {

    public IntakeOutcome {
        problems = List.copyOf(problems);
    }

    public boolean accepted() {
        return jobId != null;
    }

    public static IntakeOutcome accepted(String jobId, JobStatus status, boolean created) {
        return new IntakeOutcome(jobId, status, created, List.of(), null);
    }

    public static IntakeOutcome rejected(List<FieldProblem> problems, String quarantineId) {
        return new IntakeOutcome(null, null, false, problems, quarantineId);
    }
}
