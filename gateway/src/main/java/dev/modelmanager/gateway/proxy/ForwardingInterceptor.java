package dev.modelmanager.gateway.proxy;

import dev.modelmanager.gateway.domain.TrustedProxies;
import dev.modelmanager.kit.web.RequestId;
import dev.modelmanager.model.problem.Problem;
import dev.modelmanager.model.problem.ProblemType;
import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyRequest;
import io.vertx.httpproxy.ProxyResponse;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Adds the forwarding headers on the way in, and turns a failed exchange with the service into a
 * 502 or 504 problem that names the service (never the upstream's own error text).
 */
final class ForwardingInterceptor implements ProxyInterceptor {
  private static final Logger LOG = Logger.getLogger(ForwardingInterceptor.class);

  private static final String LIMITED_BODY = "mm.limited-body";
  private static final java.util.List<String> FORWARDING_HEADERS =
      java.util.List.of(
          "X-Forwarded-For",
          "X-Forwarded-Proto",
          "X-Forwarded-Host",
          "X-Forwarded-Port",
          "X-Forwarded-Prefix",
          "Forwarded");

  private final String service;
  private final String host;
  private final int port;
  private final String basePath;
  private final ProblemResponses problems;
  private final TrustedProxies trusted;
  private final long maxBodyBytes;

  ForwardingInterceptor(
      String service, String host, int port, String basePath, ProblemResponses problems) {
    this(service, host, port, basePath, problems, TrustedProxies.none(), Long.MAX_VALUE);
  }

  ForwardingInterceptor(
      String service,
      String host,
      int port,
      String basePath,
      ProblemResponses problems,
      TrustedProxies trusted,
      long maxBodyBytes) {
    this.service = service;
    this.host = host;
    this.port = port;
    this.basePath = basePath;
    this.problems = problems;
    this.trusted = trusted;
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
    ProxyRequest request = context.request();
    forwardingHeaders(request, trusted);
    if (!basePath.isEmpty()) {
      request.setURI(basePath + request.getURI());
    }
    Body body = request.getBody();
    if (body != null && body.length() < 0) {
      // Chunked: the router could not check a Content-Length, so count while passing it on.
      LimitedBodyStream limited = new LimitedBodyStream(body.stream(), maxBodyBytes);
      context.set(LIMITED_BODY, limited);
      request.setBody(Body.body(limited, -1));
    }
    return context
        .sendRequest()
        .recover(failure -> Future.succeededFuture(problem(context, failure)));
  }

  /**
   * Sets the {@code X-Forwarded-*} headers the service receives. From a trusted proxy the incoming
   * ones are kept (the chain grows by the peer); from anyone else they are replaced by what the
   * gateway itself sees, so a client cannot pose as another host, scheme or address.
   */
  static void forwardingHeaders(ProxyRequest request, TrustedProxies trusted) {
    HttpServerRequest incoming = request.proxiedRequest();
    SocketAddress remote = incoming.remoteAddress();
    String peer =
        remote == null ? null : remote.hostAddress() != null ? remote.hostAddress() : remote.host();
    boolean believed = trusted.trusts(peer);
    if (!believed) {
      FORWARDING_HEADERS.forEach(request.headers()::remove);
    }
    if (peer != null) {
      String prior = request.headers().get("X-Forwarded-For");
      request.putHeader("X-Forwarded-For", prior == null ? peer : prior + ", " + peer);
    }
    if (!request.headers().contains("X-Forwarded-Proto")) {
      request.putHeader("X-Forwarded-Proto", incoming.scheme());
    }
    String hostHeader = incoming.getHeader(HttpHeaders.HOST);
    if (hostHeader != null && !request.headers().contains("X-Forwarded-Host")) {
      request.putHeader("X-Forwarded-Host", hostHeader);
    }
  }

  @Override
  public Future<Void> handleProxyResponse(ProxyContext context) {
    ProxyResponse response = context.response();
    String location = response.headers().get(HttpHeaders.LOCATION);
    if (location != null) {
      response.headers().set(HttpHeaders.LOCATION, publicLocation(location));
    }
    int status = response.getStatusCode();
    String type = response.headers().get(HttpHeaders.CONTENT_TYPE);
    if (status >= 500 && (type == null || !type.contains("json"))) {
      // Only problem bodies may pass; an error page could carry a stack trace.
      ProblemType t = ProblemType.forStatus(status);
      String detail = service + " failed with status " + status;
      answer(
          context,
          response.release(),
          new Problem(t.uri(), t.title(), status, detail, null, null, null));
    }
    return context.sendResponse();
  }

  /**
   * A Location the service made absolute with its own address becomes a path on the gateway, as a
   * reverse proxy must (clients cannot reach, and must not learn, the internal address).
   */
  String publicLocation(String location) {
    java.net.URI uri;
    try {
      uri = java.net.URI.create(location);
    } catch (IllegalArgumentException e) {
      return location;
    }
    int uriPort =
        uri.getPort() > 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    if (!uri.isAbsolute() || !host.equalsIgnoreCase(uri.getHost()) || uriPort != port) {
      return location;
    }
    String path = uri.getRawPath() == null ? "/" : uri.getRawPath();
    if (!basePath.isEmpty() && path.startsWith(basePath)) {
      path = path.substring(basePath.length());
    }
    return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
  }

  private ProxyResponse problem(ProxyContext context, Throwable failure) {
    LimitedBodyStream limited = context.get(LIMITED_BODY, LimitedBodyStream.class);
    Problem problem;
    if (limited != null && limited.exceeded()) {
      problem = RequestLimits.bodyTooLarge(maxBodyBytes);
    } else if (isTimeout(failure)) {
      problem = ProblemType.UPSTREAM_TIMEOUT.problem(service + " did not answer in time");
    } else {
      problem = ProblemType.UPSTREAM_UNAVAILABLE.problem(service + " is not reachable");
    }
    // Debug only: under load a failing service would otherwise flood the log from the event loop.
    LOG.debugf(
        "request %s to %s failed: %s",
        context.request().proxiedRequest().getHeader(RequestId.HEADER),
        service,
        failure.getClass().getSimpleName());
    return answer(context, context.request().release().response(), problem);
  }

  private ProxyResponse answer(ProxyContext context, ProxyResponse response, Problem problem) {
    HttpServerRequest incoming = context.request().proxiedRequest();
    String requestId = incoming.getHeader(RequestId.HEADER);
    return response
        .setStatusCode(problem.status())
        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
        .putHeader(RequestId.HEADER, requestId)
        .setBody(Body.body(problems.body(problem, incoming.path(), requestId)));
  }

  private static boolean isTimeout(Throwable failure) {
    // A connect timeout means nobody is there (502); only a silent, connected service is a 504.
    if (failure instanceof ConnectTimeoutException
        || failure instanceof ConnectException
        || failure instanceof UnknownHostException
        || failure instanceof HttpClosedException) {
      return false;
    }
    return failure instanceof TimeoutException
        || failure instanceof io.netty.handler.timeout.TimeoutException;
  }
}
