package dev.modelmanager.testkit.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The fake GitHub's knobs over HTTP (tests and Quarkus test resources live in different class
 * loaders): {@code GET /_fake/requests}, {@code GET /_fake/pulls}, {@code POST
 * /_fake/faults?method=&path=&status=&times=}, {@code POST /_fake/token?value=}, {@code POST
 * /_fake/reset}.
 */
public final class FakeGitHubAdmin {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private FakeGitHubAdmin() {}

  public static JsonNode requests(String baseUrl) {
    return call("GET", baseUrl + "/_fake/requests");
  }

  /** Every pull request, in the REST API's shape. */
  public static JsonNode pulls(String baseUrl) {
    return call("GET", baseUrl + "/_fake/pulls");
  }

  public static void fail(String baseUrl, String method, String path, int status, int times) {
    call(
        "POST",
        baseUrl
            + "/_fake/faults?method="
            + method
            + "&path="
            + URLEncoder.encode(path, StandardCharsets.UTF_8)
            + "&status="
            + status
            + "&times="
            + times);
  }

  public static void token(String baseUrl, String token) {
    call(
        "POST", baseUrl + "/_fake/token?value=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
  }

  public static void reset(String baseUrl) {
    call("POST", baseUrl + "/_fake/reset");
  }

  private static JsonNode call(String method, String url) {
    try {
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(url))
                  .method(method, HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() >= 300) {
        throw new IllegalStateException(method + " " + url + " → " + r.statusCode());
      }
      return r.body().isEmpty() ? null : FakeGitHub.JSON.readTree(r.body());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static final class Handler implements HttpHandler {
    private final FakeGitHub github;

    Handler(FakeGitHub github) {
      this.github = github;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
      try (ex) {
        String path = ex.getRequestURI().getPath();
        Map<String, String> q = FakeGitHub.query(ex.getRequestURI().getRawQuery());
        FakeGitHub.Reply reply =
            switch (ex.getRequestMethod() + " " + path) {
              case "GET /_fake/requests" -> ok(FakeGitHub.JSON.valueToTree(github.requests()));
              case "GET /_fake/pulls" -> ok(pulls());
              case "POST /_fake/faults" -> {
                github.fail(
                    q.get("method"),
                    q.getOrDefault("path", "/"),
                    Integer.parseInt(q.get("status")),
                    Integer.parseInt(q.getOrDefault("times", "1")));
                yield ok(FakeGitHub.JSON.createObjectNode());
              }
              case "POST /_fake/token" -> {
                github.token(q.get("value"));
                yield ok(FakeGitHub.JSON.createObjectNode());
              }
              case "POST /_fake/reset" -> {
                github.reset();
                yield ok(FakeGitHub.JSON.createObjectNode());
              }
              default -> FakeGitHub.error(404, "Not Found");
            };
        FakeGitHub.send(ex, reply);
      }
    }

    private ArrayNode pulls() {
      ArrayNode out = FakeGitHub.JSON.createArrayNode();
      github.pulls().forEach(p -> out.add(github.json(p)));
      return out;
    }

    private static FakeGitHub.Reply ok(JsonNode body) {
      return new FakeGitHub.Reply(200, body);
    }
  }
}
