package dev.modelmanager.gateway.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelmanager.gateway.client.ServiceClient;
import dev.modelmanager.gateway.client.ServiceReply;
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

  OpenApiAggregator(GatewayConfig config, ServiceClient client, ObjectMapper mapper) {
    this.config = config;
    this.client = client;
    this.mapper = mapper;
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
    fetches.add(fetch(GATEWAY, gatewayUrl));
    services.forEach(s -> fetches.add(fetch(s, config.services().get(s).url())));
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

  private Uni<Fetched> fetch(String component, String baseUrl) {
    return client
        .get(baseUrl, SPEC_PATH)
        .map(reply -> new Fetched(component, parse(component, reply)))
        .onFailure()
        .recoverWithItem(
            e -> {
              LOG.debugf("OpenAPI of %s unavailable: %s", component, e.getClass().getSimpleName());
              return new Fetched(component, Optional.empty());
            });
  }

  private Optional<JsonNode> parse(String component, ServiceReply reply) {
    if (!reply.ok()) {
      return Optional.empty();
    }
    try {
      JsonNode doc = mapper.readTree(reply.body().getBytes());
      return doc != null && doc.isObject() ? Optional.of(doc) : Optional.empty();
    } catch (IOException e) {
      LOG.debugf("OpenAPI of %s is not JSON", component);
      return Optional.empty();
    }
  }
}
