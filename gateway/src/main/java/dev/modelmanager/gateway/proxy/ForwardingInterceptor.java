package dev.modelmanager.gateway.proxy;

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

  private final String service;
  private final String host;
  private final int port;
  private final String basePath;
  private final ProblemResponses problems;

  ForwardingInterceptor(
      String service, String host, int port, String basePath, ProblemResponses problems) {
    this.service = service;
    this.host = host;
    this.port = port;
    this.basePath = basePath;
    this.problems = problems;
  }

  @Override
  public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
    ProxyRequest request = context.request();
    addForwardingHeaders(request);
    if (!basePath.isEmpty()) {
      request.setURI(basePath + request.getURI());
    }
    return context
        .sendRequest()
        .recover(failure -> Future.succeededFuture(problem(context, failure)));
  }

  private static void addForwardingHeaders(ProxyRequest request) {
    HttpServerRequest incoming = request.proxiedRequest();
    SocketAddress remote = incoming.remoteAddress();
    if (remote != null) {
      String prior = request.headers().get("X-Forwarded-For");
      String client = remote.hostAddress() != null ? remote.hostAddress() : remote.host();
      request.putHeader("X-Forwarded-For", prior == null ? client : prior + ", " + client);
    }
    if (!request.headers().contains("X-Forwarded-Proto")) {
      request.putHeader("X-Forwarded-Proto", incoming.scheme());
    }
    String host = incoming.getHeader(HttpHeaders.HOST);
    if (host != null && !request.headers().contains("X-Forwarded-Host")) {
      request.putHeader("X-Forwarded-Host", host);
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
    Problem problem =
        isTimeout(failure)
            ? ProblemType.UPSTREAM_TIMEOUT.problem(service + " did not answer in time")
            : ProblemType.UPSTREAM_UNAVAILABLE.problem(service + " is not reachable");
    LOG.warnf(
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
