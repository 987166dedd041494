package dev.modelmanager.deploy.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Asks discovery-service's fit engine whether a model fits some GPUs. */
@ApplicationScoped
public class DiscoveryClient {
  private final DiscoveryApi api;

  DiscoveryClient(@RestClient DiscoveryApi api) {
    this.api = api;
  }

  @Timeout(value = 10, unit = ChronoUnit.SECONDS)
  @Retry(maxRetries = 1, delay = 200)
  @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 10_000)
  @Fallback(fallbackMethod = "unavailable")
  public Uni<Lookup<FitAnswer>> fit(FitQuestion question) {
    return api.recommend(question)
        .map(answer -> Lookup.found(answer(answer)))
        // An unknown model or GPU name is an answer, not an outage: it must not trip the breaker.
        .onFailure(HttpErrors::clientError)
        .recoverWithItem(Lookup.missing());
  }

  Uni<Lookup<FitAnswer>> unavailable(FitQuestion question) {
    return Uni.createFrom().item(Lookup.unavailable("discovery-service could not be reached"));
  }

  private static FitAnswer answer(JsonNode answer) {
    JsonNode best = answer.path("best");
    boolean fits = best.isObject() && best.path("fits").asBoolean(false);
    String summary =
        best.hasNonNull("explanation")
            ? best.path("explanation").asText()
            : answer.path("notes").toString();
    return new FitAnswer(fits, summary);
  }
}
