package dev.modelmanager.catalog.client;

import dev.modelmanager.catalog.config.CatalogConfig;
import dev.modelmanager.kit.web.ProblemException;
import dev.modelmanager.model.problem.ProblemType;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Pull requests on the git host, fault tolerant. Answers are typed; failures become problems that
 * say what went wrong: a refused token (502 naming {@code MM_CATALOG_GIT_TOKEN}), a host that is
 * down (502 after retries), or a request GitHub rejected (422 with its message).
 */
@ApplicationScoped
public class GitHubClient {
  private final GitHubApi api;
  private final CatalogConfig config;

  GitHubClient(@RestClient GitHubApi api, CatalogConfig config) {
    this.api = api;
    this.config = config;
  }

  /** Thrown for a 5xx or an unreachable host: the only failure worth a retry. */
  static final class HostUnavailable extends RuntimeException {
    HostUnavailable(String message) {
      super(message, null, false, false);
    }
  }

  /** The open pull request from {@code branch} into the base branch, if there is one. */
  @Timeout(10_000)
  @Retry(maxRetries = 2, delay = 300, retryOn = HostUnavailable.class)
  @CircuitBreaker(
      requestVolumeThreshold = 8,
      failureRatio = 0.75,
      delay = 10_000,
      failOn = HostUnavailable.class)
  public Uni<Optional<GitHubPull>> findOpen(String branch) {
    Repo r = repo();
    return api.list(auth(), r.owner, r.name, "open", r.owner + ":" + branch, config.branch())
        .map(List::stream)
        .map(s -> s.filter(p -> branch.equals(p.head().ref())).findFirst())
        .onFailure()
        .transform(GitHubClient::translate);
  }

  /**
   * Opens a pull request; answers empty when GitHub says one already exists for the branch (422 "A
   * pull request already exists"), so the caller can look it up.
   */
  @Timeout(10_000)
  @Retry(maxRetries = 2, delay = 300, retryOn = HostUnavailable.class)
  @CircuitBreaker(
      requestVolumeThreshold = 8,
      failureRatio = 0.75,
      delay = 10_000,
      failOn = HostUnavailable.class)
  public Uni<Optional<GitHubPull>> create(String branch, String title, String body, boolean draft) {
    Repo r = repo();
    return api.create(
            auth(),
            r.owner,
            r.name,
            new GitHubApi.CreatePull(title, branch, config.branch(), body, draft ? true : null))
        .map(Optional::of)
        .onFailure(GitHubClient::isAlreadyExists)
        .recoverWithItem(Optional.empty())
        .onFailure()
        .transform(GitHubClient::translate);
  }

  @Timeout(10_000)
  @Retry(maxRetries = 2, delay = 300, retryOn = HostUnavailable.class)
  public Uni<GitHubPull> update(int number, String title, String body) {
    Repo r = repo();
    return api.update(auth(), r.owner, r.name, number, new GitHubApi.UpdatePull(title, body))
        .onFailure()
        .transform(GitHubClient::translate);
  }

  @Timeout(10_000)
  @Retry(maxRetries = 2, delay = 300, retryOn = HostUnavailable.class)
  public Uni<Void> addLabels(int number, List<String> labels) {
    if (labels.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    Repo r = repo();
    return api.addLabels(auth(), r.owner, r.name, number, new GitHubApi.Labels(labels))
        .replaceWithVoid()
        .onFailure()
        .transform(GitHubClient::translate);
  }

  @Timeout(10_000)
  @Retry(maxRetries = 2, delay = 300, retryOn = HostUnavailable.class)
  public Uni<GitHubPull> get(int number) {
    Repo r = repo();
    return api.get(auth(), r.owner, r.name, number).onFailure().transform(GitHubClient::translate);
  }

  /** Whether pull requests can be opened: a repository and a token are configured. */
  public boolean configured() {
    return config.githubRepo().isPresent() && config.gitToken().isPresent();
  }

  private record Repo(String owner, String name) {}

  private Repo repo() {
    String full =
        config
            .githubRepo()
            .filter(s -> s.matches("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+"))
            .orElseThrow(
                () ->
                    new ProblemException(
                        ProblemType.SERVICE_UNAVAILABLE,
                        "Pull requests are not configured: set MM_CATALOG_GITHUB_REPO (owner/name)"
                            + " and MM_CATALOG_GIT_TOKEN"));
    int slash = full.indexOf('/');
    return new Repo(full.substring(0, slash), full.substring(slash + 1));
  }

  private String auth() {
    return "Bearer "
        + config
            .gitToken()
            .orElseThrow(
                () ->
                    new ProblemException(
                        ProblemType.SERVICE_UNAVAILABLE,
                        "Pull requests are not configured: set MM_CATALOG_GIT_TOKEN"));
  }

  static boolean isAlreadyExists(Throwable t) {
    return t instanceof WebApplicationException w
        && w.getResponse().getStatus() == 422
        && body(w).contains("already exists");
  }

  private static Throwable translate(Throwable t) {
    if (t instanceof ProblemException || t instanceof HostUnavailable) {
      return t;
    }
    if (t instanceof WebApplicationException w) {
      int status = w.getResponse().getStatus();
      if (status == 401 || status == 403) {
        return new ProblemException(
            ProblemType.UPSTREAM_UNAVAILABLE,
            "The git host refused the configured token (HTTP "
                + status
                + "): check MM_CATALOG_GIT_TOKEN and its access to MM_CATALOG_GITHUB_REPO");
      }
      if (status == 404) {
        return new ProblemException(
            ProblemType.UPSTREAM_UNAVAILABLE,
            "The git host does not know the repository in MM_CATALOG_GITHUB_REPO (or the token"
                + " cannot see it)");
      }
      if (status < 500) {
        return new ProblemException(
            ProblemType.INVALID_CONTENT, "The git host rejected the pull request: " + body(w));
      }
      return new HostUnavailable("The git host answered " + status);
    }
    return new HostUnavailable("The git host is unreachable: " + t.getClass().getSimpleName());
  }

  private static String body(WebApplicationException w) {
    try {
      String s = w.getResponse().readEntity(String.class);
      return s == null ? "" : s.length() > 300 ? s.substring(0, 300) : s;
    } catch (RuntimeException e) {
      return "";
    }
  }

  /** A HostUnavailable that survived the retries, as the problem the caller sees. */
  public static Throwable asProblem(Throwable t) {
    return t instanceof HostUnavailable h
        ? new ProblemException(ProblemType.UPSTREAM_UNAVAILABLE, h.getMessage())
        : t;
  }
}
