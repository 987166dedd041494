package dev.modelmanager.deploy.client;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Asks weights-service whether a snapshot is staged. */
@ApplicationScoped
public class WeightsClient {
  private final WeightsApi api;

  WeightsClient(@RestClient WeightsApi api) {
    this.api = api;
  }

  /** The snapshot of {@code repo} at {@code commit} in {@code location}, if staged there. */
  @Timeout(value = 5, unit = ChronoUnit.SECONDS)
  @Retry(maxRetries = 1, delay = 200)
  @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 10_000)
  @Fallback(fallbackMethod = "unavailable")
  public Uni<Lookup<StagedSnapshot>> snapshot(String location, String repo, String commit) {
    return api.inventory(location, repo, 200)
        .map(
            page ->
                page.items().stream()
                    .filter(s -> repo.equals(s.repo()) && commit.equals(s.commit()))
                    .findFirst()
                    .map(Lookup::found)
                    .orElseGet(Lookup::missing));
  }

  Uni<Lookup<StagedSnapshot>> unavailable(String location, String repo, String commit) {
    return Uni.createFrom().item(Lookup.unavailable("weights-service could not be reached"));
  }
}
