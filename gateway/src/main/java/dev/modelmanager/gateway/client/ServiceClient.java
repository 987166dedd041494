package dev.modelmanager.gateway.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelmanager.gateway.config.GatewayConfig;
import dev.modelmanager.model.system.SystemInfo;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The gateway's own calls to its services (system info, health, OpenAPI), as typed answers that
 * never fail: a service that is down, slow or broken is an empty result or a DOWN health with the
 * reason. Each call is bounded by the probe timeout ({@code mm.gateway.probe-timeout}, as connect
 * and read timeouts) and by {@code @Timeout}; a breaker stops asking while most calls fail.
 *
 * <p>The breaker is per method, shared by the services (annotations cannot key it by the service
 * passed in); its threshold is set so that one service down among several does not open it.
 */
@ApplicationScoped
public class ServiceClient {
  private static final String OPENAPI_FORMAT = "json";

  private final Map<String, ServiceApi> apis = new HashMap<>();

  ServiceClient(GatewayConfig config) {
    long probeMillis = config.probeTimeout().toMillis();
    config
        .services()
        .forEach(
            (name, service) ->
                apis.put(
                    name,
                    QuarkusRestClientBuilder.newBuilder()
                        .baseUri(URI.create(service.url()))
                        .connectTimeout(
                            Math.min(probeMillis, config.connectTimeout().toMillis()),
                            TimeUnit.MILLISECONDS)
                        .readTimeout(probeMillis, TimeUnit.MILLISECONDS)
                        .followRedirects(false)
                        .property("microprofile.rest.client.disable.default.mapper", true)
                        .build(ServiceApi.class)));
  }

  /** The service's system info; empty when it has none (404), did not answer, or is unknown. */
  @Timeout(value = 5, unit = ChronoUnit.SECONDS)
  @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.75, delay = 2000)
  @CircuitBreakerName("gateway-system-info")
  @Fallback(fallbackMethod = "noInfo")
  public Uni<Optional<SystemInfo>> systemInfo(String service) {
    return api(service)
        .chain(ServiceApi::systemInfo)
        .map(r -> r.getStatus() == 200 ? Optional.ofNullable(r.getEntity()) : Optional.empty());
  }

  /** The service's health; DOWN with a short reason when it cannot be asked. */
  @Timeout(value = 5, unit = ChronoUnit.SECONDS)
  @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.75, delay = 2000)
  @CircuitBreakerName("gateway-health")
  @Fallback(fallbackMethod = "unreachable")
  public Uni<ServiceHealth> health(String service) {
    return api(service).chain(ServiceApi::health).map(ServiceClient::healthOf);
  }

  /** The service's OpenAPI document; empty when it did not answer with a JSON object. */
  @Timeout(value = 5, unit = ChronoUnit.SECONDS)
  @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.75, delay = 2000)
  @CircuitBreakerName("gateway-openapi")
  @Fallback(fallbackMethod = "noDocument")
  public Uni<Optional<JsonNode>> openApi(String service) {
    return api(service)
        .chain(a -> a.openApi(OPENAPI_FORMAT))
        .map(
            r ->
                r.getStatus() == 200 && r.getEntity() != null && r.getEntity().isObject()
                    ? Optional.of(r.getEntity())
                    : Optional.empty());
  }

  private Uni<ServiceApi> api(String service) {
    ServiceApi api = apis.get(service);
    return api == null
        ? Uni.createFrom().failure(new IllegalArgumentException("no URL for " + service))
        : Uni.createFrom().item(api);
  }

  private static ServiceHealth healthOf(RestResponse<ServiceHealth> r) {
    ServiceHealth body = r.getEntity();
    String status = body == null || body.status() == null ? null : body.status();
    if (ServiceHealth.UP.equals(status) && r.getStatus() == 200) {
      return ServiceHealth.up();
    }
    return ServiceHealth.down(
        status == null ? "health answered " + r.getStatus() : "health reports " + status);
  }

  Uni<Optional<SystemInfo>> noInfo(String service) {
    return Uni.createFrom().item(Optional.empty());
  }

  Uni<Optional<JsonNode>> noDocument(String service) {
    return Uni.createFrom().item(Optional.empty());
  }

  Uni<ServiceHealth> unreachable(String service, Throwable failure) {
    return Uni.createFrom().item(ServiceHealth.down(reason(failure)));
  }

  static String reason(Throwable failure) {
    if (failure instanceof CircuitBreakerOpenException) {
      return "not asked: most recent calls to the services failed (circuit open)";
    }
    Throwable root = rootCause(failure);
    if (failure instanceof TimeoutException
        || (root.getClass().getSimpleName().contains("Timeout")
            && !(root instanceof io.netty.channel.ConnectTimeoutException))) {
      return "did not answer within the probe timeout";
    }
    return "not reachable (" + root.getClass().getSimpleName() + ")";
  }

  private static Throwable rootCause(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    return c;
  }
}
