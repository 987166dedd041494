package dev.modelmanager.testkit.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** One request and its response: Hub-style headers, JSON, errors and streamed file bodies. */
final class HubExchange {

  static final ObjectMapper JSON = new ObjectMapper();

  /** The CORS expose list the real Hub sends on every response. */
  private static final String EXPOSE_HEADERS =
      "X-Repo-Commit,X-Request-Id,X-Error-Code,X-Error-Message,X-Total-Count,ETag,Link,"
          + "Accept-Ranges,Content-Range,X-Xet-Access-Token,X-Xet-Token-Expiration,"
          + "X-Xet-Refresh-Route,X-Xet-Cas-Url,X-Xet-Hash";

  private final HttpExchange exchange;
  private final RecordedRequest log;
  private final FaultInjector faults;
  private final String path;
  private final List<String> segments;
  private final QueryParams query;
  private boolean responded;

  HubExchange(HttpExchange exchange, RecordedRequest log, FaultInjector faults) {
    this.exchange = exchange;
    this.log = log;
    this.faults = faults;
    this.path = exchange.getRequestURI().getPath();
    this.segments = splitSegments(exchange.getRequestURI().getRawPath());
    this.query = QueryParams.parse(exchange.getRequestURI().getRawQuery());
    header("Access-Control-Expose-Headers", EXPOSE_HEADERS);
    header("X-Request-Id", requestId());
    header("X-Powered-By", "huggingface-moon");
    header("Vary", "Origin");
  }

  static List<String> splitSegments(String rawPath) {
    List<String> result = new ArrayList<>();
    for (String part : rawPath.split("/")) {
      if (!part.isEmpty()) {
        result.add(QueryParams.decode(part.replace("+", "%2B")));
      }
    }
    return result;
  }

  private static String requestId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return String.format(
        "Root=1-%08x-%012x%012x",
        System.currentTimeMillis() / 1000, random.nextLong(1L << 48), random.nextLong(1L << 48));
  }

  String method() {
    return exchange.getRequestMethod();
  }

  boolean isHead() {
    return method().equalsIgnoreCase("HEAD");
  }

  /** Decoded path. */
  String path() {
    return path;
  }

  /** Decoded path segments. */
  List<String> segments() {
    return segments;
  }

  QueryParams query() {
    return query;
  }

  String rawPathOnly() {
    return exchange.getRequestURI().getRawPath();
  }

  String rawQuery() {
    return exchange.getRequestURI().getRawQuery();
  }

  String requestHeader(String name) {
    return exchange.getRequestHeaders().getFirst(name);
  }

  /** The {@code Authorization: Bearer} token, or null. */
  String bearerToken() {
    return bearerToken(requestHeader("Authorization"));
  }

  static String bearerToken(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    String token = authorization.substring(7).trim();
    return token.isEmpty() ? null : token;
  }

  /** Scheme, host and port as the client addressed us, e.g. {@code http://127.0.0.1:8090}. */
  String baseUrl() {
    String host = requestHeader("Host");
    if (host == null || host.isBlank()) {
      host = "127.0.0.1:" + exchange.getLocalAddress().getPort();
    }
    return "http://" + host;
  }

  byte[] readBody() throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      return in.readAllBytes();
    }
  }

  boolean responded() {
    return responded;
  }

  void header(String name, String value) {
    exchange.getResponseHeaders().set(name, value);
  }

  void sendJson(int status, JsonNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    header("Content-Type", "application/json; charset=utf-8");
    header("ETag", weakEtag(bytes));
    sendBytes(status, bytes);
  }

  /** Sends {@code {"error": message}} with the Hub's X-Error-Code / X-Error-Message headers. */
  void sendError(int status, String errorCode, String message) throws IOException {
    if (errorCode != null) {
      header("X-Error-Code", errorCode);
    }
    header("X-Error-Message", message);
    header("Content-Type", "application/json; charset=utf-8");
    sendBytes(status, JSON.writeValueAsBytes(JSON.createObjectNode().put("error", message)));
  }

  void sendText(int status, String text) throws IOException {
    header("Content-Type", "text/plain; charset=utf-8");
    sendBytes(status, text.getBytes(StandardCharsets.UTF_8));
  }

  /** A redirect with the Hub's plain-text body, e.g. "Found. Redirecting to ...". */
  void sendRedirect(int status, String location, String reason) throws IOException {
    header("Location", location);
    sendText(status, reason + ". Redirecting to " + location);
  }

  void sendBytes(int status, byte[] body) throws IOException {
    sendStream(status, new ByteArrayInputStream(body), body.length, 0);
  }

  /**
   * Sends status and headers with Content-Length {@code length}, then (unless HEAD) the bytes of
   * {@code source}; body faults apply to 200 and 206 bodies only.
   */
  void sendStream(int status, InputStream source, long length, long contentOffset)
      throws IOException {
    responded = true;
    if (log != null) {
      log.status(status);
    }
    if (isHead()) {
      header("Content-Length", Long.toString(length));
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, length == 0 ? -1 : length);
    if (length == 0) {
      return;
    }
    boolean success = status == 200 || status == 206;
    FaultInjector.BodyFaults bodyFaults =
        success && faults != null ? faults.takeBodyFaults(path) : FaultInjector.BodyFaults.NONE;
    OutputStream out = exchange.getResponseBody();
    BodyWriter.copy(
        source, length, contentOffset, out, bodyFaults, log != null ? log::addBytes : count -> {});
    out.flush();
  }

  void close() {
    exchange.close();
  }

  /** The weak ETag an Express server (like the Hub's API) sends: length and sha1 of the body. */
  static String weakEtag(byte[] body) {
    String hash = Base64.getEncoder().withoutPadding().encodeToString(Hashes.sha1(body));
    return "W/\"" + Integer.toHexString(body.length) + "-" + hash.substring(0, 27) + "\"";
  }
}
