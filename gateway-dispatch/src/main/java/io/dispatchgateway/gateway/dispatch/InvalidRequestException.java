package io.dispatchgateway.gateway.dispatch;

import io.dispatchgateway.core.intake.FieldProblem;
import java.util.List;

/** A request a user sent cannot be carried out as asked; each problem names the field and what is wrong. */
public class InvalidRequestException extends RuntimeException {

    private final transient List<FieldProblem> problems;

    public InvalidRequestException(List<FieldProblem> problems) {
        super(problems.isEmpty() ? "invalid request" : problems.get(0).field() + ": " + problems.get(0).message());
        this.problems = List.copyOf(problems);
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
