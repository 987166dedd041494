package dev.modelmanager.catalog.client;

import dev.modelmanager.catalog.config.CatalogConfig;
import dev.modelmanager.kit.web.ProblemException;
import dev.modelmanager.model.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.Locale;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/** Credentials and URLs for the catalog remote, and what its failures mean to a person. */
@ApplicationScoped
public class GitAccess {
  private final CatalogConfig config;

  GitAccess(CatalogConfig config) {
    this.config = config;
  }

  /** Adds the configured token (HTTP basic, as GitHub and Gitea take it) to a command. */
  public <C extends TransportCommand<C, ?>> C authenticated(C command) {
    config
        .gitToken()
        .ifPresent(
            t ->
                command.setCredentialsProvider(
                    new UsernamePasswordCredentialsProvider(config.gitUsername(), t)));
    return command.setTimeout(30);
  }

  /** Local paths become file URIs (JGit resolves a bare relative path poorly); URLs stay. */
  public String cloneUri() {
    String url = config.repoUrl();
    return isLocalPath(url) ? Path.of(url).toAbsolutePath().toUri().toString() : url;
  }

  public static boolean isLocalPath(String url) {
    return !url.contains("://") && !url.contains("@");
  }

  /** A git transport failure as the problem the caller sees; never includes the token. */
  public static ProblemException problem(Exception e) {
    String text = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
    if (text.contains("not authorized")
        || text.contains("authentication is required")
        || text.contains("401")
        || text.contains("403")) {
      return new ProblemException(
          ProblemType.UPSTREAM_UNAVAILABLE,
          "The catalog git server refused the configured credentials: check MM_CATALOG_GIT_TOKEN"
              + " and its write access to MM_CATALOG_REPO_URL");
    }
    return new ProblemException(
        ProblemType.UPSTREAM_UNAVAILABLE,
        "The catalog repository could not be reached: " + e.getClass().getSimpleName());
  }
}
