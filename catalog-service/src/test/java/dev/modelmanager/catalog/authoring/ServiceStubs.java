package dev.modelmanager.catalog.authoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.modelmanager.testkit.catalog.DemoCatalog;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Stand-ins for discovery-service and weights-service (which cannot run in this JVM) answering the
 * shapes of their real resources (ModelDetails, RecommendationResponse, GpuInventoryView,
 * VllmArchitecture, SnapshotView, LocationView) for the demo models: one L4 pool, contexts up to
 * 32768 fit on one GPU, tiny-llama staged in location "default". {@link #down} stops the server (a
 * service that is down) and {@link #up} starts it again on the same port, through an admin port.
 */
public class ServiceStubs implements QuarkusTestResourceLifecycleManager {
  static final ObjectMapper JSON = new ObjectMapper();
  static final long FITTING_CONTEXT = 32768;
  private static final String ADMIN = "modelmanager.test.catalog.stubs.admin";

  private HttpServer server;
  private HttpServer admin;
  private int port;

  @Override
  public Map<String, String> start() {
    try {
      server = serve(0);
      port = server.getAddress().getPort();
      admin = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      admin.createContext("/down", ex -> toggle(ex, false));
      admin.createContext("/up", ex -> toggle(ex, true));
      admin.start();
      System.setProperty(ADMIN, "http://127.0.0.1:" + admin.getAddress().getPort());
      String url = "http://127.0.0.1:" + port;
      return Map.of(
          "quarkus.rest-client.discovery.url", url, "quarkus.rest-client.weights.url", url);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops the stub: calls are refused as by a service that is down. */
  public static void down() {
    adminCall("/down");
  }

  public static void up() {
    adminCall("/up");
  }

  private static void adminCall(String path) {
    try {
      HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(URI.create(System.getProperty(ADMIN) + path))
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.discarding());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private synchronized void toggle(HttpExchange ex, boolean on) throws IOException {
    try (ex) {
      if (on && server == null) {
        server = serve(port);
      } else if (!on && server != null) {
        server.stop(0);
        server = null;
      }
      ex.sendResponseHeaders(204, -1);
    }
  }

  private static HttpServer serve(int port) throws IOException {
    HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    s.createContext("/", ServiceStubs::route);
    s.start();
    return s;
  }

  @Override
  public synchronized void stop() {
    if (server != null) {
      server.stop(0);
    }
    admin.stop(0);
  }

  private static void route(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      JsonNode answer;
      if (path.startsWith("/api/v1/models/") && path.endsWith("/details")) {
        answer =
            details(
                path.substring("/api/v1/models/".length(), path.length() - "/details".length()));
      } else if (path.startsWith("/api/v1/vllm/architectures/")) {
        answer = architecture(path.substring("/api/v1/vllm/architectures/".length()));
      } else if (path.equals("/api/v1/gpus")) {
        answer = gpus();
      } else if (path.equals("/api/v1/recommendations")) {
        answer = recommend(JSON.readTree(body));
      } else if (path.equals("/api/v1/weights")) {
        answer = inventory();
      } else if (path.equals("/api/v1/weights/locations")) {
        answer =
            JSON.createArrayNode()
                .add(
                    JSON.createObjectNode()
                        .put("name", "default")
                        .put("freeBytes", 1L << 40)
                        .put("level", "ok"));
      } else {
        answer = null;
      }
      byte[] bytes =
          (answer == null
                  ? "{\"type\":\"https://modelmanager.dev/problems/not-found\",\"status\":404}"
                  : answer.toString())
              .getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders()
          .set("Content-Type", answer == null ? "application/problem+json" : "application/json");
      ex.sendResponseHeaders(answer == null ? 404 : 200, bytes.length);
      ex.getResponseBody().write(bytes);
    }
  }

  private static final Map<String, String> ARCHS =
      Map.of(
          "mm-demo/tiny-llama",
          "LlamaForCausalLM",
          "Qwen/Qwen2.5-0.5B",
          "Qwen2ForCausalLM",
          "mm-demo/strange",
          "StrangeForCausalLM");

  private static JsonNode details(String repo) {
    String arch = ARCHS.get(repo);
    if (arch == null) {
      return null;
    }
    ObjectNode n = JSON.createObjectNode();
    n.put("id", repo);
    n.put("revision", "main");
    n.put(
        "commit",
        repo.startsWith("mm-demo/strange")
            ? "2222222222222222222222222222222222222222"
            : DemoCatalog.commitOf(repo));
    n.putArray("architectures").add(arch);
    n.put("license", "apache-2.0");
    n.put("gated", "false");
    n.putObject("vllm")
        .put("supported", true)
        .put("architecture", arch)
        .put("trustRemoteCode", false);
    n.put("maxPositionEmbeddings", 131072);
    n.put("weightsBytes", 1_000_000_000L);
    return n;
  }

  private static JsonNode architecture(String arch) {
    if (!arch.equals("LlamaForCausalLM") && !arch.equals("Qwen2ForCausalLM")) {
      return null;
    }
    ObjectNode n = JSON.createObjectNode();
    n.put("architecture", arch);
    n.putArray("tasks").add("generate");
    n.put("trustRemoteCode", false);
    n.putArray("quantizations").add("fp8").add("awq");
    return n;
  }

  private static JsonNode gpus() {
    ObjectNode n = JSON.createObjectNode();
    n.putArray("items")
        .addObject()
        .put("name", "L4-24GB")
        .put("product", "NVIDIA L4 24GB")
        .put("vendor", "nvidia")
        .put("memoryBytes", 24_152_899_584L)
        .put("countPerNode", 8)
        .put("source", "static")
        .put("profile", "L4-24GB");
    n.putArray("sources");
    return n;
  }

  private static JsonNode recommend(JsonNode query) {
    long wanted = query.path("maxModelLen").asLong(FITTING_CONTEXT);
    ObjectNode n = JSON.createObjectNode();
    n.put("model", query.path("model").asText());
    ArrayNode options = n.putArray("options");
    for (int tp : new int[] {1, 2}) {
      boolean fits = wanted <= FITTING_CONTEXT * tp;
      ObjectNode o = options.addObject();
      o.put("gpu", "L4-24GB").put("tensorParallelSize", tp).put("quantization", "none");
      o.put("fits", fits)
          .put("maxModelLen", wanted)
          .put("largestFittingModelLen", FITTING_CONTEXT * tp);
      o.put("maxConcurrency", fits ? 4.0 : 0.0).put("kvCacheDtype", "auto");
      o.putArray("vllmArgs").add("--tensor-parallel-size=" + tp).add("--max-model-len=" + wanted);
      o.put(
          "explanation",
          fits
              ? "Weights take 1.0 GB per GPU; the KV cache holds 4 requests of "
                  + wanted
                  + " tokens."
              : "The KV cache for "
                  + wanted
                  + " tokens does not fit; it fits with maxModelLen <= "
                  + FITTING_CONTEXT * tp
                  + " or tensorParallelSize "
                  + (tp * 2)
                  + ".");
    }
    n.set("best", options.get(0));
    return n;
  }

  private static JsonNode inventory() {
    ObjectNode n = JSON.createObjectNode();
    n.putArray("items")
        .addObject()
        .put("id", "5f0c1c9e-0000-4000-8000-000000000001")
        .put("repo", "mm-demo/tiny-llama")
        .put("revision", "main")
        .put("commit", DemoCatalog.commitOf("mm-demo/tiny-llama"))
        .put("location", "default")
        .put("status", "READY")
        .put("verified", true)
        .put("sizeBytes", 123456);
    n.putNull("nextCursor");
    return n;
  }
}
