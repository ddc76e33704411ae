package dev.latchkey.common.problem;

import java.util.List;

/** Thrown by service code to answer a problem+json response; mapped by {@link ProblemMappers}. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    /** 404 for a missing id, and for a foreign one: the caller cannot tell them apart. */
    public static ProblemException notFound(String what) {
        return new ProblemException(Problem.of("not-found", "Not found", 404, what + " not found"));
    }

    public static ProblemException invalid(String field, String message) {
        return new ProblemException(new Problem(Problem.TYPE_PREFIX + "validation", "Invalid request", 400,
                field + ": " + message, List.of(new Problem.Violation(field, message))));
    }

    public static ProblemException conflict(String kind, String detail) {
        return new ProblemException(Problem.of(kind, "Conflict", 409, detail));
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(Problem.of("forbidden", "Forbidden", 403, detail));
    }
}
