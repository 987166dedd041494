package dev.modelmanager.kit.hf;

import dev.modelmanager.kit.web.ProblemException;
import dev.modelmanager.model.hf.RepoId;
import dev.modelmanager.model.problem.ProblemType;
import java.util.concurrent.TimeoutException;

/** The Hub's error answers as problems a user can act on, the same for every kind of request. */
public final class HubProblems {
  private HubProblems() {}

  /**
   * The problem for a final status of 400 or more. {@code code} is the Hub's {@code X-Error-Code};
   * {@code repo} and {@code path} (either may be null) name what was asked for.
   */
  public static ProblemException of(int status, String code, RepoId repo, String path) {
    String what = repo == null ? "the Hub" : repo.toString();
    if ("EntryNotFound".equals(code) || (path != null && status == 404 && code == null)) {
      return ProblemException.notFound(
          "The file " + (path == null ? "" : path + " ") + "does not exist in " + what);
    }
    if ("RepoNotFound".equals(code) || (status == 404 && code == null)) {
      return ProblemException.notFound(
          "No model "
              + what
              + " on the Hub; if it is private, set HF_TOKEN to a token that can read it");
    }
    if ("RevisionNotFound".equals(code)) {
      return ProblemException.notFound("The revision does not exist in " + what);
    }
    if ("GatedRepo".equals(code) || status == 401 || status == 403) {
      return new ProblemException(
          ProblemType.HUB_ACCESS_DENIED,
          what
              + " is gated or private: accept its license on the Hub and set HF_TOKEN to a token of"
              + " that account");
    }
    if (status == 429) {
      return new ProblemException(
          ProblemType.UPSTREAM_RATE_LIMITED, "The Hub is rate limiting requests; try again later");
    }
    return new ProblemException(
        ProblemType.UPSTREAM_UNAVAILABLE,
        "The Hub answered " + status + (path == null ? "" : " for " + path));
  }

  /** The problem for a request that got no answer. */
  public static ProblemException unreachable(Throwable failure) {
    if (failure instanceof TimeoutException
        || failure instanceof java.net.SocketTimeoutException
        || failure instanceof io.netty.handler.timeout.TimeoutException) {
      return new ProblemException(ProblemType.UPSTREAM_TIMEOUT, "The Hub did not answer in time");
    }
    return new ProblemException(
        ProblemType.UPSTREAM_UNAVAILABLE,
        "The Hub is not reachable: " + failure.getClass().getSimpleName());
  }
}
