package dev.modelmanager.kit.web;

import dev.modelmanager.model.problem.Problem;
import dev.modelmanager.model.problem.ProblemType;
import java.util.List;

/** Thrown by use cases to answer with a problem; mapped to {@code application/problem+json}. */
public class ProblemException extends RuntimeException {
  private final transient Problem problem;

  public ProblemException(Problem problem) {
    super(problem.detail(), null, false, false);
    this.problem = problem;
  }

  public ProblemException(ProblemType type, String detail) {
    this(type.problem(detail));
  }

  public static ProblemException notFound(String detail) {
    return new ProblemException(ProblemType.NOT_FOUND, detail);
  }

  public static ProblemException conflict(String detail) {
    return new ProblemException(ProblemType.CONFLICT, detail);
  }

  public static ProblemException badRequest(String detail) {
    return new ProblemException(ProblemType.BAD_REQUEST, detail);
  }

  /** A validation problem naming one bad field. */
  public static ProblemException invalidField(String field, String message) {
    return invalidField(ProblemType.VALIDATION, field, message);
  }

  /**
   * A problem of type {@code t} (e.g. 422 {@code INVALID_CONTENT}: well-formed, but not acceptable)
   * naming one bad field.
   */
  public static ProblemException invalidField(ProblemType t, String field, String message) {
    return new ProblemException(
        new Problem(
            t.uri(),
            t.title(),
            t.status(),
            field + ": " + message,
            null,
            null,
            List.of(new Problem.FieldError(field, message))));
  }

  public Problem problem() {
    return problem;
  }
}
