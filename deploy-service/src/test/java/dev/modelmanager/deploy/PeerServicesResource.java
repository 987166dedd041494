package dev.modelmanager.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.modelmanager.model.api.Page;
import dev.modelmanager.model.catalog.ApprovedEntry;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fakes of the services deploy-service asks, on one dynamic port, answering as the real ones do:
 * catalog-service's {@code GET /api/v1/catalog/entries/{id}} (ApprovedEntry, 404 problem),
 * weights-service's {@code GET /api/v1/weights} (every fixture entry staged and verified) and
 * discovery-service's {@code POST /api/v1/recommendations} (fits).
 */
public class PeerServicesResource implements QuarkusTestResourceLifecycleManager {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
  private HttpServer server;

  @Override
  public Map<String, String> start() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/api/v1/catalog/entries/", PeerServicesResource::entry);
    server.createContext("/api/v1/weights", PeerServicesResource::inventory);
    server.createContext("/api/v1/recommendations", PeerServicesResource::recommend);
    server.start();
    String url = "http://127.0.0.1:" + server.getAddress().getPort();
    return Map.of(
        "quarkus.rest-client.catalog.url", url,
        "quarkus.rest-client.weights.url", url,
        "quarkus.rest-client.discovery.url", url);
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private static void entry(HttpExchange ex) throws IOException {
    String id = ex.getRequestURI().getPath().substring("/api/v1/catalog/entries/".length());
    ApprovedEntry found = CatalogFixtures.get(id);
    if (found == null) {
      send(
          ex,
          404,
          "application/problem+json",
          Map.of(
              "type",
              "https://modelmanager.dev/problems/not-found",
              "title",
              "Not found",
              "status",
              404,
              "detail",
              "No catalog entry " + id));
      return;
    }
    send(ex, 200, "application/json", found);
  }

  private static void inventory(HttpExchange ex) throws IOException {
    List<Map<String, Object>> items = new ArrayList<>();
    for (ApprovedEntry a : CatalogFixtures.all().values()) {
      if (a.entry().weights() != null && a.entry().weights().location() != null) {
        items.add(
            Map.of(
                "id",
                java.util.UUID.randomUUID().toString(),
                "repo",
                a.entry().hfModelId(),
                "revision",
                "main",
                "commit",
                a.entry().revision(),
                "location",
                a.entry().weights().location(),
                "status",
                "READY",
                "verified",
                true,
                "pinned",
                false,
                "inUse",
                false));
      }
    }
    send(ex, 200, "application/json", new Page<>(items, null));
  }

  private static void recommend(HttpExchange ex) throws IOException {
    ex.getRequestBody().readAllBytes();
    Map<String, Object> best =
        Map.of(
            "gpu",
            "NVIDIA-L4",
            "tensorParallelSize",
            1,
            "fits",
            true,
            "explanation",
            "fits on one L4 with room for 12 concurrent sequences");
    send(
        ex,
        200,
        "application/json",
        Map.of("model", "Qwen/Qwen2.5-0.5B", "best", best, "options", List.of(best)));
  }

  private static void send(HttpExchange ex, int status, String type, Object body)
      throws IOException {
    byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
    ex.close();
  }
}
