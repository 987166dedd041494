package dev.modelmanager.gateway.proxy;

import dev.modelmanager.gateway.config.GatewayConfig;
import dev.modelmanager.model.problem.Problem;
import dev.modelmanager.model.problem.ProblemType;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;

/**
 * The size limits every request meets before any route: URI length (414), header size (431) and a
 * declared body length (413), each answered as a problem. The HTTP decoder's own limits are set
 * well above these (application.properties) so that these, not its bare error pages, apply.
 */
@Singleton
public class RequestLimits {
  private final int maxUriLength;
  private final long maxHeaderBytes;
  private final long maxBodyBytes;

  @Inject
  RequestLimits(GatewayConfig config) {
    this(
        config.maxUriLength(),
        config.maxHeaderSize().asLongValue(),
        config.maxBodySize().asLongValue());
  }

  RequestLimits(int maxUriLength, long maxHeaderBytes, long maxBodyBytes) {
    this.maxUriLength = maxUriLength;
    this.maxHeaderBytes = maxHeaderBytes;
    this.maxBodyBytes = maxBodyBytes;
  }

  public long maxBodyBytes() {
    return maxBodyBytes;
  }

  /** The problem that ends {@code request} here, or empty when it is within every limit. */
  public Optional<Problem> check(HttpServerRequest request) {
    if (request.uri().length() > maxUriLength) {
      return Optional.of(
          ProblemType.URI_TOO_LONG.problem(
              "The request URI is longer than " + maxUriLength + " characters"));
    }
    long headerBytes = 0;
    for (Map.Entry<String, String> h : request.headers()) {
      headerBytes += h.getKey().length() + h.getValue().length() + 4;
    }
    if (headerBytes > maxHeaderBytes) {
      return Optional.of(
          ProblemType.HEADERS_TOO_LARGE.problem(
              "The request headers exceed " + maxHeaderBytes + " bytes"));
    }
    String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length != null && declaredTooLarge(length)) {
      return Optional.of(bodyTooLarge(maxBodyBytes));
    }
    return Optional.empty();
  }

  private boolean declaredTooLarge(String length) {
    try {
      return Long.parseLong(length.trim()) > maxBodyBytes;
    } catch (NumberFormatException e) {
      return false; // the HTTP decoder rejects a malformed length itself
    }
  }

  static Problem bodyTooLarge(long maxBodyBytes) {
    return ProblemType.CONTENT_TOO_LARGE.problem(
        "The request body is larger than " + maxBodyBytes + " bytes");
  }
}
