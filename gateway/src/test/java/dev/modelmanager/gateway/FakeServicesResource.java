package dev.modelmanager.gateway;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for the services behind the gateway: small Vert.x HTTP servers on free ports for
 * discovery, weights and catalog, and a closed port for deploy (a stopped service). Each echoes
 * what it received, serves a tiny OpenAPI document, system info and health, answers {@code
 * .../slow} late and {@code .../crash} with an HTML error page, streams events at {@code
 * .../stream} and answers {@code .../hops} with hop-by-hop headers and a Location on its address.
 */
public class FakeServicesResource implements QuarkusTestResourceLifecycleManager {
  public static final List<String> RUNNING =
      List.of("discovery-service", "weights-service", "catalog-service");
  public static final String STOPPED = "deploy-service";

  /** A value a careless service leaks in its system info; the gateway must not repeat it. */
  public static final String LEAKED_SECRET = "leaked-by-a-service-0042";

  /** How long the slow endpoints wait; longer than the gateway's response timeout in tests. */
  static final long SLOW_MILLIS = 4000;

  /**
   * How long the busy endpoints hold a request: a few waits in a row for a pooled connection add up
   * to more than the 500 ms connect timeout, one stays well below the 1 s idle timeout.
   */
  static final long BUSY_MILLIS = 300;

  private Vertx vertx;
  private final AtomicInteger streamsClosed = new AtomicInteger();

  @Override
  public Map<String, String> start() {
    vertx = Vertx.vertx();
    Map<String, String> config = new HashMap<>();
    for (String service : RUNNING) {
      HttpServer server =
          vertx
              .createHttpServer()
              .requestHandler(r -> handle(service, r))
              .listen(0, "127.0.0.1")
              .toCompletionStage()
              .toCompletableFuture()
              .join();
      config.put(url(service), "http://127.0.0.1:" + server.actualPort());
    }
    config.put(url(STOPPED), "http://127.0.0.1:" + closedPort());
    config.put("mm.auth.bootstrap.token", TestAuth.adminToken());
    config.put("mm.gateway.response-timeout", "1s");
    // A total deadline below the trickling endpoint's duration, above the idle timeout.
    config.put("mm.gateway.services.discovery-service.deadline", "2s");
    return config;
  }

  private static String url(String service) {
    return "mm.gateway.services." + service + ".url";
  }

  @Override
  public void stop() {
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().orTimeout(5, TimeUnit.SECONDS).join();
    }
  }

  private void handle(String service, HttpServerRequest request) {
    String path = request.path();
    switch (path) {
      case "/q/openapi" -> json(request, 200, openApi(service));
      case "/q/health" -> json(request, 200, new JsonObject().put("status", "UP"));
      case "/api/v1/system/info" -> json(request, 200, systemInfo(service));
      default -> {
        if (path.endsWith("/slow")) {
          echo(service, request, SLOW_MILLIS);
        } else if (path.endsWith("/busy")) {
          // Holds each connection a while: many at once need many pooled connections.
          echo(service, request, BUSY_MILLIS);
        } else if (path.endsWith("/trickle")) {
          trickle(request);
        } else if (path.endsWith("/stream")) {
          stream(request);
        } else if (path.endsWith("/streams-closed")) {
          json(request, 200, new JsonObject().put("closed", streamsClosed.get()));
        } else if (path.endsWith("/hops")) {
          request
              .response()
              .setStatusCode(201)
              // Absolute on the Host the request came with, as JAX-RS's UriInfo builds it.
              .putHeader("Location", "http://" + request.getHeader("Host") + "/api/v1/things/9?x=1")
              .putHeader("Connection", "X-Hop-Secret")
              .putHeader("X-Hop-Secret", "1")
              .putHeader("Keep-Alive", "timeout=5")
              .putHeader("X-Kept", "yes")
              .end();
        } else if (path.endsWith("/crash")) {
          request
              .response()
              .setStatusCode(500)
              .putHeader("Content-Type", "text/html")
              .end("<html><pre>java.lang.IllegalStateException: boom\n\tat Secret.java:42</pre>");
        } else {
          echo(service, request, 0);
        }
      }
    }
  }

  /**
   * A server-sent event stream that never ends: one event at once, then a comment every 200 ms
   * (never idle), until the other side goes away, which {@code .../streams-closed} counts.
   */
  private void stream(HttpServerRequest request) {
    HttpServerResponse response = request.response();
    response
        .setChunked(true)
        .putHeader("Content-Type", "text/event-stream")
        .closeHandler(v -> streamsClosed.incrementAndGet())
        .write("data: first\n\n");
    vertx.setPeriodic(
        200,
        id -> {
          if (response.closed()) {
            vertx.cancelTimer(id);
          } else {
            response.write(": ping\n\n");
          }
        });
  }

  /** Never silent for long, never done soon: a byte every 200 ms for {@link #SLOW_MILLIS}. */
  private void trickle(HttpServerRequest request) {
    request.response().setChunked(true).putHeader("Content-Type", "text/plain");
    long started = System.nanoTime();
    vertx.setPeriodic(
        200,
        id -> {
          if (request.response().closed()) {
            vertx.cancelTimer(id);
          } else if ((System.nanoTime() - started) / 1_000_000 > SLOW_MILLIS) {
            vertx.cancelTimer(id);
            request.response().end("done");
          } else {
            request.response().write("x");
          }
        });
  }

  /** Answers what was received, {@code delayMillis} after the whole request arrived. */
  private void echo(String service, HttpServerRequest request, long delayMillis) {
    request
        .body()
        .onSuccess(
            body -> {
              JsonObject headers = new JsonObject();
              request.headers().forEach(h -> headers.put(h.getKey().toLowerCase(), h.getValue()));
              JsonObject echoed =
                  new JsonObject()
                      .put("service", service)
                      .put("method", request.method().name())
                      .put("path", request.path())
                      .put("query", request.query())
                      .put("headers", headers)
                      .put("body", body.toString());
              if (delayMillis > 0) {
                vertx.setTimer(delayMillis, t -> json(request, 200, echoed));
              } else {
                json(request, 200, echoed);
              }
            });
  }

  private static void json(HttpServerRequest request, int status, JsonObject body) {
    request
        .response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .putHeader("X-Request-ID", "upstream-should-not-win")
        .end(body.encode());
  }

  /** A document with one path of the service's own, a shared schema, and a clashing one. */
  static JsonObject openApi(String service) {
    String short_ = service.replace("-service", "");
    String path = "/api/v1/" + (short_.equals("discovery") ? "models" : short_) + "/things";
    JsonObject schemas =
        new JsonObject()
            .put("Shared", new JsonObject().put("type", "object"))
            .put(
                "Thing",
                new JsonObject()
                    .put("type", "object")
                    .put("description", "a " + short_ + " thing"));
    JsonObject get =
        new JsonObject()
            .put("tags", new JsonArray().add(short_))
            .put(
                "responses",
                new JsonObject()
                    .put(
                        "200",
                        new JsonObject()
                            .put("description", "ok")
                            .put(
                                "content",
                                new JsonObject()
                                    .put(
                                        "application/json",
                                        new JsonObject()
                                            .put(
                                                "schema",
                                                new JsonObject()
                                                    .put("$ref", "#/components/schemas/Thing"))))));
    return new JsonObject()
        .put("openapi", "3.1.0")
        .put("info", new JsonObject().put("title", service).put("version", "0.1.0"))
        .put(
            "paths",
            new JsonObject()
                .put(path, new JsonObject().put("get", get))
                .put("/api/v1/system/info", new JsonObject().put("get", get.copy())))
        .put("components", new JsonObject().put("schemas", schemas))
        .put("tags", new JsonArray().add(new JsonObject().put("name", short_)));
  }

  private static JsonObject systemInfo(String service) {
    return new JsonObject()
        .put("name", service)
        .put("version", "0.1.0")
        .put("commit", "abc")
        .put("startedAt", "2025-01-01T00:00:00Z")
        .put("uptimeSeconds", 5)
        .put("store", "postgres")
        .put(
            "config",
            new JsonObject()
                .put("mm.service-name", service)
                .put("quarkus.datasource.password", "***")
                .put("mm.careless.token", LEAKED_SECRET));
  }

  private static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
