package dev.modelmanager.discovery.client;

import dev.modelmanager.model.hf.RepoId;
import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Asks catalog-service for a repo's approved entry. Model details must answer without it, so a
 * slow, failing or unreachable catalog becomes {@link CatalogLookup.Unavailable}, never an error;
 * an expected 404 is {@link CatalogLookup.Absent} and does not count against the breaker.
 */
@ApplicationScoped
public class CatalogClient {
  private static final Logger LOG = Logger.getLogger(CatalogClient.class);
  private static final int NOT_FOUND = 404;

  private final CatalogApi api;

  CatalogClient(@RestClient CatalogApi api) {
    this.api = api;
  }

  /** The approved entry of {@code repo}, if catalog-service has one and answers. */
  @AsynchronousNonBlocking
  @Timeout(1000) // milliseconds
  @Retry(maxRetries = 1, delay = 100, abortOn = WebApplicationException.class)
  @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 10_000)
  @Fallback(fallbackMethod = "unavailable")
  public Uni<CatalogLookup> entryFor(RepoId repo) {
    return api.entries(repo.toString(), 1)
        .map(
            page ->
                page == null || page.items() == null || page.items().isEmpty()
                    ? (CatalogLookup) new CatalogLookup.Absent()
                    : new CatalogLookup.Found(page.items().get(0)))
        .onFailure(CatalogClient::notFound)
        .recoverWithItem(new CatalogLookup.Absent());
  }

  Uni<CatalogLookup> unavailable(RepoId repo, Throwable cause) {
    LOG.debugf("catalog-service unavailable for %s: %s", repo, cause.toString());
    return Uni.createFrom().item(new CatalogLookup.Unavailable());
  }

  private static boolean notFound(Throwable t) {
    return t instanceof WebApplicationException w
        && w.getResponse() != null
        && w.getResponse().getStatus() == NOT_FOUND;
  }
}
