package dev.modelmanager.catalog.client;

import dev.modelmanager.model.hf.RepoId;
import dev.modelmanager.model.weights.StagedSnapshot;
import dev.modelmanager.model.weights.StorageLocation;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** weights-service, fault tolerant: a down service is {@link Lookup#unavailable}. */
@ApplicationScoped
public class WeightsClient {
  private static final String SERVICE = "weights-service";
  private final WeightsApi api;

  WeightsClient(@RestClient WeightsApi api) {
    this.api = api;
  }

  /** Snapshots of {@code repo} (in {@code location} when not null). */
  @Timeout(5_000)
  @Retry(maxRetries = 1, delay = 200)
  @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.75, delay = 10_000)
  @Fallback(fallbackMethod = "snapshotsUnavailable")
  public Uni<Lookup<List<StagedSnapshot>>> snapshots(RepoId repo, String location) {
    String wanted = repo.toString();
    return api.inventory(wanted, location, 500)
        .map(
            page ->
                Lookup.found(page.items().stream().filter(s -> wanted.equals(s.repo())).toList()));
  }

  @Timeout(5_000)
  @Retry(maxRetries = 1, delay = 200)
  @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.75, delay = 10_000)
  @Fallback(fallbackMethod = "locationsUnavailable")
  public Uni<Lookup<List<StorageLocation>>> locations() {
    return api.locations().map(Lookup::found);
  }

  Uni<Lookup<List<StagedSnapshot>>> snapshotsUnavailable(
      RepoId repo, String location, Throwable t) {
    return Uni.createFrom().item(Lookup.unavailable(Failures.describe(SERVICE, t)));
  }

  Uni<Lookup<List<StorageLocation>>> locationsUnavailable(Throwable t) {
    return Uni.createFrom().item(Lookup.unavailable(Failures.describe(SERVICE, t)));
  }
}
