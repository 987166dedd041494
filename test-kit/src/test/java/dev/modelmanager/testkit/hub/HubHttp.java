package dev.modelmanager.testkit.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** A plain java.net.http client for the fake hub tests: no redirects followed, HTTP/1.1. */
final class HubHttp {

  static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final String baseUrl;

  HubHttp(FakeHub hub) {
    this.baseUrl = hub.url();
  }

  /** GET of a path (or absolute URL) with header name/value pairs. */
  HttpResponse<byte[]> get(String pathOrUrl, String... headers) {
    return send("GET", pathOrUrl, headers);
  }

  HttpResponse<byte[]> head(String pathOrUrl, String... headers) {
    return send("HEAD", pathOrUrl, headers);
  }

  HttpResponse<byte[]> send(String method, String pathOrUrl, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(pathOrUrl))
            .timeout(Duration.ofSeconds(20))
            .method(method, HttpRequest.BodyPublishers.noBody());
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return execute(request.build());
  }

  HttpResponse<byte[]> post(String path, String contentType, String body) {
    return execute(
        HttpRequest.newBuilder(uri(path))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  HttpResponse<byte[]> delete(String path) {
    return send("DELETE", path);
  }

  /** GET that must answer 200, parsed as JSON. */
  JsonNode json(String path, String... headers) {
    HttpResponse<byte[]> response = get(path, headers);
    if (response.statusCode() != 200) {
      throw new AssertionError(path + " answered " + response.statusCode() + ": " + text(response));
    }
    return parse(response);
  }

  /** Downloads through redirects, like a client that follows the CDN Location. */
  HttpResponse<byte[]> download(String path, String... headers) {
    HttpResponse<byte[]> response = get(path, headers);
    for (int hops = 0; hops < 5 && response.statusCode() / 100 == 3; hops++) {
      response = get(response.headers().firstValue("Location").orElseThrow(), headers);
    }
    return response;
  }

  static JsonNode parse(HttpResponse<byte[]> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String text(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  static String header(HttpResponse<?> response, String name) {
    return response.headers().firstValue(name).orElse(null);
  }

  /** A fixture of the shared test data, copied under src/main/resources/hub-demo. */
  static String demoResource(String name) {
    try (var in = HubHttp.class.getClassLoader().getResourceAsStream("hub-demo/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A raw Hub API fixture from /work/shared when present (tests skip fixture checks otherwise). */
  static Path sharedFixture(String name) {
    return Path.of(System.getProperty("mm.fixtures", "/work/shared/fixtures/hf"), name);
  }

  static boolean hasSharedFixtures() {
    return Files.isDirectory(sharedFixture("hub-api"));
  }

  private URI uri(String pathOrUrl) {
    return URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : baseUrl + pathOrUrl);
  }

  private HttpResponse<byte[]> execute(HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
