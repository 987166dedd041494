package dev.modelmanager.testkit.hub;

import java.io.IOException;
import java.util.Optional;

/**
 * The checks every repository endpoint makes, answering like the Hub when one fails: 404
 * RepoNotFound, 307 for a renamed repo, 401 for a private repo, 403 for a gated one, 404
 * RevisionNotFound.
 */
final class RepoAccess {

  private final RepoRegistry registry;

  RepoAccess(RepoRegistry registry) {
    this.registry = registry;
  }

  /**
   * The repo named at segment {@code start}, with the number of segments its id spans; empty when
   * an answer (error or redirect) was already sent.
   */
  Optional<RepoRegistry.RepoMatch> repo(HubExchange exchange, int start) throws IOException {
    Optional<RepoRegistry.RepoMatch> match = registry.match(exchange.segments(), start);
    if (match.isEmpty()) {
      sendRepoNotFound(exchange);
      return Optional.empty();
    }
    RepoRegistry.RepoMatch found = match.get();
    if (!found.repo().canRead(exchange.bearerToken())) {
      exchange.sendError(401, "RepoNotFound", "Invalid username or password.");
      return Optional.empty();
    }
    if (found.renamed()) {
      String location = found.redirectPath(exchange.segments(), start, exchange.rawQuery());
      exchange.header("Vary", "Origin, Accept");
      exchange.sendRedirect(307, location, "Temporary Redirect");
      return Optional.empty();
    }
    return match;
  }

  static void sendRepoNotFound(HubExchange exchange) throws IOException {
    exchange.sendError(404, "RepoNotFound", "Repository not found");
  }

  /** The revision by name, sha or HEAD; empty after answering 404 RevisionNotFound. */
  Optional<RepoRevision> revision(HubExchange exchange, HubRepo repo, String name)
      throws IOException {
    Optional<RepoRevision> revision = repo.revision(name);
    if (revision.isEmpty()) {
      exchange.sendError(404, "RevisionNotFound", "Invalid rev id: " + name);
    }
    return revision;
  }

  /** Whether files may be downloaded; otherwise answers 403 (gated or disabled). */
  boolean mayDownload(HubExchange exchange, HubRepo repo) throws IOException {
    if (repo.disabled) {
      exchange.sendError(403, null, "Access to this resource is disabled.");
      return false;
    }
    if (!repo.canDownload(exchange.bearerToken())) {
      String message =
          exchange.bearerToken() == null
              ? "Access to model "
                  + repo.id()
                  + " is restricted. You must have access to it and be authenticated to access it."
                  + " Please log in."
              : "Access to model "
                  + repo.id()
                  + " is restricted and you are not in the authorized list."
                  + " Visit https://huggingface.co/"
                  + repo.id()
                  + " to ask for access.";
      exchange.sendError(403, "GatedRepo", message);
      return false;
    }
    return true;
  }
}
