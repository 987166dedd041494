package dev.modelmanager.deploy.client;

import dev.modelmanager.model.catalog.ApprovedEntry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Approved catalog entries from catalog-service; a missing entry is not a failure. */
@ApplicationScoped
public class CatalogClient {
  private final CatalogApi api;

  CatalogClient(@RestClient CatalogApi api) {
    this.api = api;
  }

  /** The entry pinned to the catalog commit it was read at. */
  @Timeout(value = 5, unit = ChronoUnit.SECONDS)
  @Retry(maxRetries = 2, delay = 200)
  @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 10_000)
  @Fallback(fallbackMethod = "unavailable")
  public Uni<Lookup<ApprovedEntry>> entry(String id) {
    return api.entry(id)
        .map(Lookup::found)
        .onFailure(HttpErrors::notFound)
        .recoverWithItem(Lookup.missing());
  }

  Uni<Lookup<ApprovedEntry>> unavailable(String id) {
    return Uni.createFrom().item(Lookup.unavailable("catalog-service could not be reached"));
  }
}
