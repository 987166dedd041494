package dev.modelmanager.gateway.pipeline;

import dev.modelmanager.model.problem.Problem;
import dev.modelmanager.model.problem.ProblemType;
import java.util.Objects;

/** A filter's verdict: proceed to the next step, or end the request with a problem. */
public record FilterResult(Problem rejection) {
  private static final FilterResult PROCEED = new FilterResult(null);

  public static FilterResult proceed() {
    return PROCEED;
  }

  public static FilterResult reject(Problem problem) {
    return new FilterResult(Objects.requireNonNull(problem));
  }

  public static FilterResult reject(ProblemType type, String detail) {
    return reject(type.problem(detail));
  }

  public boolean rejected() {
    return rejection != null;
  }
}
