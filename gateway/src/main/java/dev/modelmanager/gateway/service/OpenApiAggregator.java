package dev.modelmanager.gateway.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelmanager.gateway.client.ServiceClient;
import dev.modelmanager.gateway.config.GatewayConfig;
import dev.modelmanager.gateway.domain.OpenApiMerger;
import dev.modelmanager.gateway.domain.ServiceRoutes;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * The public API as one OpenAPI document: the gateway's own spec plus each service's, reduced to
 * the paths the gateway routes to it. A service that does not answer is left out and named in
 * {@code x-unavailable}; the result is reused for a few seconds.
 */
@ApplicationScoped
public class OpenApiAggregator {
  static final String GATEWAY = "gateway";
  static final String SPEC_PATH = "/q/openapi?format=json";
  private static final Logger LOG = Logger.getLogger(OpenApiAggregator.class);

  private final GatewayConfig config;
  private final ServiceClient client;
  private final ObjectMapper mapper;
  private final AtomicReference<Cached> cache = new AtomicReference<>();
  // The gateway's own spec is local, not a service call: a plain client, no breaker.
  private final io.vertx.mutiny.ext.web.client.WebClient own;

  OpenApiAggregator(
      GatewayConfig config,
      ServiceClient client,
      ObjectMapper mapper,
      io.vertx.mutiny.core.Vertx vertx) {
    this.config = config;
    this.client = client;
    this.mapper = mapper;
    this.own = io.vertx.mutiny.ext.web.client.WebClient.create(vertx);
  }

  @jakarta.annotation.PreDestroy
  void close() {
    own.close();
  }

  private record Cached(ObjectNode document, Instant until) {}

  private record Fetched(String component, Optional<JsonNode> document) {}

  /**
   * The merged document.
   *
   * @param gatewayUrl where this gateway itself answers (its own spec is read over HTTP)
   */
  public Uni<ObjectNode> merged(String gatewayUrl) {
    Cached cached = cache.get();
    if (cached != null && Instant.now().isBefore(cached.until())) {
      return Uni.createFrom().item(cached.document());
    }
    List<String> services = new ArrayList<>(new TreeSet<>(config.services().keySet()));
    List<Uni<Fetched>> fetches = new ArrayList<>();
    fetches.add(fetchOwn(gatewayUrl));
    services.forEach(s -> fetches.add(fetch(s)));
    return Uni.join()
        .all(fetches)
        .andFailFast()
        .map(this::merge)
        .invoke(doc -> cache.set(new Cached(doc, Instant.now().plus(ttl()))));
  }

  private Duration ttl() {
    return config.openapiCacheTtl();
  }

  private ObjectNode merge(List<Fetched> fetched) {
    List<OpenApiMerger.Source> sources = new ArrayList<>();
    List<String> unavailable = new ArrayList<>();
    String version = "unknown";
    for (Fetched f : fetched) {
      if (f.document().isEmpty()) {
        unavailable.add(f.component());
        continue;
      }
      JsonNode doc = f.document().get();
      if (f.component().equals(GATEWAY)) {
        version = doc.path("info").path("version").asText(version);
        sources.add(new OpenApiMerger.Source(GATEWAY, doc, path -> true));
      } else {
        String service = f.component();
        sources.add(
            new OpenApiMerger.Source(
                service,
                doc,
                path -> ServiceRoutes.serviceFor(path).map(service::equals).orElse(false)));
      }
    }
    return OpenApiMerger.merge(sources, unavailable, version);
  }

  private Uni<Fetched> fetch(String service) {
    return client.openApi(service).map(doc -> new Fetched(service, doc));
  }

  /** The gateway's own document, read over HTTP like the services' (it is built the same way). */
  private Uni<Fetched> fetchOwn(String gatewayUrl) {
    return own.getAbs(gatewayUrl + SPEC_PATH)
        .timeout(config.probeTimeout().toMillis())
        .send()
        .map(
            r -> {
              try {
                JsonNode doc = r.statusCode() == 200 ? mapper.readTree(r.body().getBytes()) : null;
                return new Fetched(
                    GATEWAY, doc != null && doc.isObject() ? Optional.of(doc) : Optional.empty());
              } catch (IOException e) {
                return new Fetched(GATEWAY, Optional.<JsonNode>empty());
              }
            })
        .onFailure()
        .recoverWithItem(
            e -> {
              LOG.debugf("own OpenAPI unavailable: %s", e.getClass().getSimpleName());
              return new Fetched(GATEWAY, Optional.empty());
            });
  }
}
