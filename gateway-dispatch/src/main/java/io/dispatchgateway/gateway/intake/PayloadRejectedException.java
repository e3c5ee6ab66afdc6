package io.dispatchgateway.gateway.intake;

import io.dispatchgateway.core.intake.FieldProblem;
import java.util.List;

/** A payload failed its checks; it has been quarantined under {@code quarantineId}. */
public class PayloadRejectedException extends RuntimeException {

    private final transient List<FieldProblem> problems;
    private final String quarantineId;

    public PayloadRejectedException(String kind, List<FieldProblem> problems, String quarantineId) {
        super(kind + " rejected: " + problems.size() + " problem(s)");
        this.problems = List.copyOf(problems);
        this.quarantineId = quarantineId;
    }

    public List<FieldProblem> problems() {
        return problems;
    }

    public String quarantineId() {
        return quarantineId;
    }
}
