package dev.modelmanager.catalog.client;

import dev.modelmanager.model.discovery.GpuInventory;
import dev.modelmanager.model.discovery.ModelSummary;
import dev.modelmanager.model.discovery.Recommendation;
import dev.modelmanager.model.discovery.RecommendationQuery;
import dev.modelmanager.model.discovery.VllmArchitecture;
import dev.modelmanager.model.hf.RepoId;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * discovery-service, fault tolerant: a 404 is {@link Lookup#absent}, a service that is down, slow
 * or failing is {@link Lookup#unavailable} — never an exception.
 */
@ApplicationScoped
public class DiscoveryClient {
  private static final String SERVICE = "discovery-service";
  private final DiscoveryApi api;

  DiscoveryClient(@RestClient DiscoveryApi api) {
    this.api = api;
  }

  @Timeout(15_000)
  @Retry(maxRetries = 1, delay = 200)
  @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.75, delay = 10_000)
  @Fallback(fallbackMethod = "detailsUnavailable")
  public Uni<Lookup<ModelSummary>> details(RepoId repo, String revision) {
    return absentOn404(api.details(repo.org(), repo.name(), revision));
  }

  @Timeout(15_000)
  @Retry(maxRetries = 1, delay = 200)
  @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.75, delay = 10_000)
  @Fallback(fallbackMethod = "recommendUnavailable")
  public Uni<Lookup<Recommendation>> recommend(RecommendationQuery query) {
    return absentOn404(api.recommend(query));
  }

  @Timeout(5_000)
  @Retry(maxRetries = 1, delay = 200)
  @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.75, delay = 10_000)
  @Fallback(fallbackMethod = "gpusUnavailable")
  public Uni<Lookup<GpuInventory>> gpus() {
    return api.gpus().map(Lookup::found);
  }

  @Timeout(5_000)
  @Retry(maxRetries = 1, delay = 200)
  @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.75, delay = 10_000)
  @Fallback(fallbackMethod = "architectureUnavailable")
  public Uni<Lookup<VllmArchitecture>> architecture(String arch) {
    return absentOn404(api.architecture(arch));
  }

  private static <T> Uni<Lookup<T>> absentOn404(Uni<T> call) {
    // An expected 404 is an answer, not a failure: it must not retry nor trip the breaker.
    return call.map(Lookup::found)
        .onFailure(Failures::isNotFound)
        .recoverWithItem(Lookup.absent(SERVICE + " does not know it"));
  }

  Uni<Lookup<ModelSummary>> detailsUnavailable(RepoId repo, String revision, Throwable t) {
    return unavailable(t);
  }

  Uni<Lookup<Recommendation>> recommendUnavailable(RecommendationQuery query, Throwable t) {
    return unavailable(t);
  }

  Uni<Lookup<GpuInventory>> gpusUnavailable(Throwable t) {
    return unavailable(t);
  }

  Uni<Lookup<VllmArchitecture>> architectureUnavailable(String arch, Throwable t) {
    return unavailable(t);
  }

  private static <T> Uni<Lookup<T>> unavailable(Throwable t) {
    return Uni.createFrom().item(Lookup.unavailable(Failures.describe(SERVICE, t)));
  }
}
