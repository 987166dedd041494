package dev.modelmanager.discovery.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelmanager.discovery.config.DiscoveryConfig;
import dev.modelmanager.model.hf.RepoId;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Asks catalog-service for a repo's approved entry; its absence or failure never fails a caller.
 */
@ApplicationScoped
public class CatalogClient {
  private static final Logger LOG = Logger.getLogger(CatalogClient.class);
  private static final long TIMEOUT_MS = 1000;

  /** The answer: found (with the entry), absent, or unavailable. */
  public record Lookup(String status, Optional<JsonNode> entry) {}

  private final WebClient client;
  private final DiscoveryConfig config;
  private final ObjectMapper mapper;

  CatalogClient(Vertx vertx, DiscoveryConfig config, ObjectMapper mapper) {
    this.client = WebClient.create(vertx);
    this.config = config;
    this.mapper = mapper;
  }

  @PreDestroy
  void close() {
    client.close();
  }

  public Uni<Lookup> entryFor(RepoId repo) {
    return client
        .getAbs(config.catalogUrl().replaceAll("/+$", "") + "/api/v1/catalog/entries")
        .addQueryParam("repo", repo.toString())
        .addQueryParam("limit", "1")
        .timeout(TIMEOUT_MS)
        .send()
        .map(
            r -> {
              if (r.statusCode() != 200) {
                return new Lookup("unavailable", Optional.<JsonNode>empty());
              }
              JsonNode items = read(r.bodyAsString()).path("items");
              return items.isArray() && !items.isEmpty()
                  ? new Lookup("found", Optional.of(items.get(0)))
                  : new Lookup("absent", Optional.<JsonNode>empty());
            })
        .onFailure()
        .recoverWithItem(
            e -> {
              LOG.debugf("catalog-service unavailable: %s", e.toString());
              return new Lookup("unavailable", Optional.empty());
            });
  }

  private JsonNode read(String body) {
    try {
      return mapper.readTree(body);
    } catch (java.io.IOException e) {
      return mapper.createObjectNode();
    }
  }
}
