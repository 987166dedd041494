package dev.modelmanager.weights;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * The fake hub's request log and fault knobs, over HTTP (the hub lives in another class loader).
 */
public final class HubAdmin {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private HubAdmin() {}

  /** Body bytes the hub sent for request paths containing {@code fragment}. */
  public static long bytesServed(String fragment) {
    return requests(fragment).stream().mapToLong(r -> r.path("bytesSent").asLong()).sum();
  }

  /**
   * LFS bytes the hub's CDN sent for files of {@code repo}: a transfer of another repo that an
   * earlier test class left running in the same application does not count.
   */
  public static long cdnBytesOf(String repo) {
    return requests("/cdn/").stream()
        .filter(r -> r.path("path").asText().contains("/" + repo + "/"))
        .mapToLong(r -> r.path("bytesSent").asLong())
        .sum();
  }

  public static List<JsonNode> requests(String fragment) {
    List<JsonNode> out = new ArrayList<>();
    call("GET", "/_fake/requests", null)
        .forEach(
            r -> {
              if (r.path("path").asText().contains(fragment)) {
                out.add(r);
              }
            });
    return out;
  }

  /** The commit the hub's main branch of {@code repo} points at. */
  public static String commitOf(String repo) {
    return call("GET", "/api/models/" + repo, null).path("sha").asText();
  }

  public static void faults(String json) {
    call("POST", "/_fake/faults", json);
  }

  public static void clearFaults() {
    call("DELETE", "/_fake/faults", null);
  }

  private static JsonNode call(String method, String path, String body) {
    try {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create(WeightsHubResource.hubUrl() + path));
      b.method(
          method,
          body == null
              ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofString(body));
      b.header("Content-Type", "application/json");
      HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() >= 300) {
        throw new IllegalStateException(
            method + " " + path + ": " + r.statusCode() + " " + r.body());
      }
      return r.body().isBlank() ? JSON.createArrayNode() : JSON.readTree(r.body());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
