package dev.modelmanager.discovery.catalog;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A fake catalog-service on a free port that answers {@code GET /api/v1/catalog/entries} the way
 * the real one does ({@code {items: [ApprovedEntry], nextCursor}}), with one behaviour per repo:
 * {@link #FOUND} has an entry, {@link #ABSENT} an empty list, {@link #NOT_FOUND} a 404 problem,
 * {@link #SLOW} answers after {@link #SLOW_DELAY_MS} — longer than the client's timeout.
 */
public class FakeCatalogResource implements QuarkusTestResourceLifecycleManager {
  public static final String FOUND = "Qwen/Qwen2.5-0.5B";
  public static final String ABSENT = "mm-demo/tiny-llama";
  public static final String NOT_FOUND = RealRepoHubResource.SMALL_404;
  public static final String SLOW = RealRepoHubResource.SMALL_SLOW;
  static final long SLOW_DELAY_MS = 3_000;

  private static final String ENTRY =
      """
      {"items":[{"entry":{"id":"qwen2-5-0-5b","displayName":"Qwen2.5 0.5B",
        "hfModelId":"Qwen/Qwen2.5-0.5B","revision":"main","servedModelName":"qwen-small",
        "runtime":"vllm","weights":{"location":"models-pvc"},
        "vllm":{"tensorParallelSize":1,"maxModelLen":32768}},
        "commit":"0123456789abcdef0123456789abcdef01234567",
        "sourcePath":"models/qwen2-5-0-5b.json"}],"nextCursor":null}
      """;

  private HttpServer server;
  private ScheduledExecutorService later;

  @Override
  public Map<String, String> start() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    later = Executors.newSingleThreadScheduledExecutor();
    server.createContext("/api/v1/catalog/entries", this::entries);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.start();
    return Map.of(
        "mm.discovery.catalog-url",
        "http://127.0.0.1:" + server.getAddress().getPort(),
        // shorter than SLOW_DELAY_MS so the slow case times out quickly
        "dev.modelmanager.discovery.client.CatalogClient/entryFor/Timeout/value",
        "500");
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop(0);
      later.shutdownNow();
    }
  }

  private void entries(HttpExchange exchange) throws IOException {
    String repo = query(exchange, "hfModelId");
    repo = repo != null ? repo : query(exchange, "repo"); // the alias catalog keeps accepting
    switch (repo == null ? "" : repo) {
      case FOUND -> send(exchange, 200, "application/json", ENTRY);
      case NOT_FOUND ->
          send(
              exchange,
              404,
              "application/problem+json",
              "{\"type\":\"https://modelmanager.dev/problems/not-found\",\"status\":404}");
      case SLOW ->
          later.schedule(
              () -> send(exchange, 200, "application/json", ENTRY),
              SLOW_DELAY_MS,
              TimeUnit.MILLISECONDS);
      default -> send(exchange, 200, "application/json", "{\"items\":[],\"nextCursor\":null}");
    }
  }

  private static String query(HttpExchange exchange, String name) {
    String raw = exchange.getRequestURI().getRawQuery();
    if (raw == null) {
      return null;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals(name)) {
        return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  private static void send(HttpExchange exchange, int status, String type, String body) {
    try (exchange) {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", type);
      exchange.sendResponseHeaders(status, bytes.length);
      exchange.getResponseBody().write(bytes);
    } catch (IOException e) {
      // the client gave up (the slow case after its timeout): nothing to answer
    }
  }
}
