package dev.modelmanager.testkit.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Quarkus test resource: a fake Hub with the demo repositories on a free port, as {@code
 * mm.hf.endpoint}. Tests reach its request log and fault knobs over HTTP (the resource and the
 * tests may live in different class loaders).
 */
public class FakeHubResource implements QuarkusTestResourceLifecycleManager {
  private static final String URL_PROPERTY = "modelmanager.test.hub.url";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Override
  public Map<String, String> start() {
    return Map.of("mm.hf.endpoint", url());
  }

  @Override
  public void stop() {
    // One hub per JVM; it dies with it.
  }

  /** The shared hub's base URL, starting it on first use. */
  public static synchronized String url() {
    String url = System.getProperty(URL_PROPERTY);
    if (url == null) {
      FakeHub hub = new FakeHub();
      DemoHub.repos().forEach(hub::addRepo);
      hub.start();
      url = hub.url();
      System.setProperty(URL_PROPERTY, url);
    }
    return url;
  }

  /** Requests the hub received whose path starts with {@code prefix}. */
  public static List<JsonNode> requests(String prefix) {
    JsonNode all = call("GET", "/_fake/requests", null);
    List<JsonNode> out = new ArrayList<>();
    JsonNode items = all.isArray() ? all : all.path("requests");
    items.forEach(
        r -> {
          if (r.path("path").asText().startsWith(prefix)) {
            out.add(r);
          }
        });
    return out;
  }

  public static void clearRequests() {
    call("DELETE", "/_fake/requests", null);
  }

  /** Adds fault knobs ({@code POST /_fake/faults} body). */
  public static void addFaults(String json) {
    call("POST", "/_fake/faults", json);
  }

  public static void clearFaults() {
    call("DELETE", "/_fake/faults", null);
  }

  private static JsonNode call(String method, String path, String body) {
    try {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url() + path));
      b.method(
          method,
          body == null
              ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofString(body));
      if (body != null) {
        b.header("Content-Type", "application/json");
      }
      HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() >= 300) {
        throw new IllegalStateException(
            method + " " + path + " answered " + r.statusCode() + ": " + r.body());
      }
      return r.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.body());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
