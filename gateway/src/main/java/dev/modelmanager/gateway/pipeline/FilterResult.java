package dev.modelmanager.gateway.pipeline;

import dev.modelmanager.model.problem.Problem;
import dev.modelmanager.model.problem.ProblemType;
import java.util.Map;
import java.util.Objects;

/**
 * A filter's verdict: proceed to the next step, or end the request with a problem (and, e.g. for
 * {@code WWW-Authenticate} or {@code Retry-After}, response headers).
 */
public record FilterResult(Problem rejection, Map<String, String> headers) {
  private static final FilterResult PROCEED = new FilterResult(null, Map.of());

  public FilterResult {
    headers = Map.copyOf(headers);
  }

  public static FilterResult proceed() {
    return PROCEED;
  }

  public static FilterResult reject(Problem problem) {
    return new FilterResult(Objects.requireNonNull(problem), Map.of());
  }

  public static FilterResult reject(ProblemType type, String detail) {
    return reject(type.problem(detail));
  }

  /** A rejection that also sets these response headers. */
  public static FilterResult reject(Problem problem, Map<String, String> headers) {
    return new FilterResult(Objects.requireNonNull(problem), headers);
  }

  public boolean rejected() {
    return rejection != null;
  }
}
