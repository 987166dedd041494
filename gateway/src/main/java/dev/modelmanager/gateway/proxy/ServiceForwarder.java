package dev.modelmanager.gateway.proxy;

import dev.modelmanager.gateway.domain.TrustedProxies;
import dev.modelmanager.kit.web.RequestId;
import dev.modelmanager.model.problem.Problem;
import dev.modelmanager.model.problem.ProblemType;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.DateFormatter;
import io.vertx.core.AsyncResult;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.streams.Pipe;
import io.vertx.core.streams.ReadStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Forwards requests to one service and relays its answers, streaming both bodies: a chunk the
 * service writes (a server-sent event, say) reaches the client as soon as it arrives.
 *
 * <p>On the way in the service receives the client's method, URI (under the service's base path)
 * and headers, minus the hop-by-hop ones (RFC 9110 §7.6.1: {@code Connection}, {@code Keep-Alive},
 * {@code Proxy-Authenticate}, {@code Proxy-Authorization}, {@code TE}, {@code Trailer}, {@code
 * Transfer-Encoding}, {@code Upgrade} and any header {@code Connection} names), plus the {@code
 * X-Forwarded-*} headers ({@link #requestHeaders}). {@code Host} is the service's own address (the
 * client's goes in {@code X-Forwarded-Host}), so a Location the service builds from it is
 * recognised and rewritten to a gateway path on the way back. A chunked body is counted on its way
 * and answered 413 past the limit ({@link LimitedBodyStream}).
 *
 * <p>On the way out the client receives the service's status and headers minus the hop-by-hop ones,
 * a {@code Location} on the service's own address rewritten to a gateway path, and then the body. A
 * 5xx answer whose body is not JSON is replaced by a problem (an error page could carry a stack
 * trace).
 *
 * <p>A failed exchange is a problem that names the service, never the upstream's own error text:
 * 502 when the service cannot be reached, 504 when it stays silent for the idle timeout or the
 * whole exchange outlasts the service's total deadline. Once the answer has started, such a failure
 * cuts the answer short instead. A client that leaves mid-exchange resets the request to the
 * service.
 */
final class ServiceForwarder {
  private static final Logger LOG = Logger.getLogger(ServiceForwarder.class);

  private static final List<String> FORWARDING_HEADERS =
      List.of(
          "X-Forwarded-For",
          "X-Forwarded-Proto",
          "X-Forwarded-Host",
          "X-Forwarded-Port",
          "X-Forwarded-Prefix",
          "Forwarded");

  /** How long the exchange may take, from a pooled connection to the last byte of the answer. */
  record Timeouts(long acquireMillis, long idleMillis, long deadlineMillis) {}

  private final String service;
  private final String host;
  private final int port;
  private final boolean ssl;
  private final String basePath;
  private final SocketAddress origin;
  private final Timeouts timeouts;
  private final Vertx vertx;
  private final ProblemResponses problems;
  private final TrustedProxies trusted;
  private final long maxBodyBytes;

  ServiceForwarder(
      String service,
      URI base,
      Timeouts timeouts,
      Vertx vertx,
      ProblemResponses problems,
      TrustedProxies trusted,
      long maxBodyBytes) {
    this.service = service;
    this.host = base.getHost();
    this.ssl = "https".equalsIgnoreCase(base.getScheme());
    this.port = base.getPort() > 0 ? base.getPort() : ssl ? 443 : 80;
    this.basePath = basePath(base);
    this.origin = SocketAddress.inetSocketAddress(port, host);
    this.timeouts = timeouts;
    this.vertx = vertx;
    this.problems = problems;
    this.trusted = trusted;
    this.maxBodyBytes = maxBodyBytes;
  }

  /** Forwards {@code request} over {@code client}; the exchange writes the whole answer. */
  void forward(HttpClient client, HttpServerRequest request) {
    new Exchange(request).start(client);
  }

  /** The service took longer than its total deadline. */
  static final class DeadlineExceeded extends TimeoutException {
    DeadlineExceeded(String service, long millis) {
      super(service + " exceeded its " + Duration.ofMillis(millis) + " deadline");
    }
  }

  /** One request relayed to the service and its answer relayed back, on one event loop. */
  private final class Exchange {
    private final HttpServerRequest in;
    private final HttpServerResponse out;
    private LimitedBodyStream limited;
    private HttpClientRequest upstream;
    private HttpClientResponse answer;
    private long timer = -1;
    private boolean clientGone;

    /** Bytes of a body of known length still to come; -1 when the length is unknown. */
    private long remaining = -1;

    /** The last chunk of a body of known length: it leaves with the end, in one write. */
    private Buffer last;

    /** An HTTP/1.0 client and a body of unknown length: closing the connection ends the body. */
    private boolean closeAfter;

    Exchange(HttpServerRequest in) {
      this.in = in;
      this.out = in.response();
    }

    void start(HttpClient client) {
      String transferEncoding = in.getHeader(HttpHeaders.TRANSFER_ENCODING);
      if (transferEncoding != null && !"chunked".equalsIgnoreCase(transferEncoding.trim())) {
        in.resume();
        reply(ProblemType.BAD_REQUEST.problem("Only the chunked transfer coding is accepted"));
        return;
      }
      // The client leaving before the answer ends: the service need not go on.
      out.exceptionHandler(this::clientLeft);
      RequestOptions options =
          new RequestOptions()
              .setServer(origin)
              .setHost(host)
              .setPort(port)
              .setSsl(ssl)
              // In Vert.x this bounds getting a connection from the pool, queueing included.
              .setConnectTimeout(timeouts.acquireMillis())
              .setIdleTimeout(timeouts.idleMillis())
              .setMethod(in.method())
              .setURI(basePath.isEmpty() ? in.uri() : basePath + in.uri());
      client
          .request(options)
          .onComplete(
              ar -> {
                if (ar.succeeded()) {
                  send(ar.result(), transferEncoding != null);
                } else {
                  failed(ar.cause());
                }
              });
    }

    private void send(HttpClientRequest request, boolean chunked) {
      upstream = request;
      if (clientGone) {
        request.reset();
        return;
      }
      long deadline = timeouts.deadlineMillis();
      timer =
          vertx.setTimer(
              deadline,
              t -> {
                timer = -1;
                request.reset(0, new DeadlineExceeded(service, deadline));
              });
      requestHeaders(in, request.headers());
      request
          .response()
          .onComplete(
              ar -> {
                if (ar.succeeded()) {
                  answered(ar.result());
                } else {
                  failed(ar.cause());
                }
              });
      String length = in.getHeader(HttpHeaders.CONTENT_LENGTH);
      if (chunked) {
        // The router could not check a Content-Length: count while passing the body on.
        request.setChunked(true);
        limited = new LimitedBodyStream(in, maxBodyBytes);
        relayBody(limited, request);
      } else if (length != null && !"0".equals(length)) {
        relayBody(in, request);
      } else {
        request.end();
        in.resume();
      }
    }

    private void relayBody(ReadStream<Buffer> body, HttpClientRequest request) {
      Pipe<Buffer> pipe = body.pipe();
      pipe.endOnFailure(false);
      pipe.to(request).onFailure(failure -> request.reset(0, failure));
    }

    private void answered(HttpClientResponse response) {
      if (clientGone) {
        return;
      }
      answer = response;
      int status = response.statusCode();
      String type = response.getHeader(HttpHeaders.CONTENT_TYPE);
      response.exceptionHandler(this::broken);
      response.endHandler(this::ended);
      if (status >= 500 && (type == null || !type.contains("json"))) {
        // Only problem bodies may pass; the service's body is read and dropped.
        ProblemType t = ProblemType.forStatus(status);
        String detail = service + " failed with status " + status;
        reply(new Problem(t.uri(), t.title(), status, detail, null, null, null));
        return;
      }
      // The standard reason phrase: it carries no meaning (and HTTP/2 has none).
      out.setStatusCode(status);
      responseHeaders(response, out.headers());
      // The gateway's request id, never the service's.
      String requestId = in.getHeader(RequestId.HEADER);
      if (requestId != null) {
        out.headers().set(RequestId.HEADER, requestId);
      }
      boolean bodiless =
          in.method() == HttpMethod.HEAD || status == 204 || status == 304 || status < 200;
      String length = response.getHeader(HttpHeaders.CONTENT_LENGTH);
      if (!bodiless) {
        remaining = length == null ? -1 : parseLength(length);
        if (remaining < 0) {
          out.headers().remove(HttpHeaders.CONTENT_LENGTH);
          if (in.version() == HttpVersion.HTTP_1_0) {
            closeAfter = true;
          } else {
            out.setChunked(true);
          }
        }
      }
      response.handler(this::chunk);
    }

    private void chunk(Buffer chunk) {
      if (remaining > 0) {
        remaining -= chunk.length();
        if (remaining <= 0) {
          last = chunk;
          return;
        }
      }
      out.write(chunk, null);
      if (out.writeQueueFull()) {
        answer.pause();
        out.drainHandler(v -> answer.resume());
      }
    }

    private void ended(Void v) {
      cancelTimer();
      if (clientGone || out.ended()) {
        return;
      }
      Handler<AsyncResult<Void>> then = closeAfter ? done -> in.connection().close() : null;
      if (last == null) {
        out.end(then);
      } else {
        out.end(last, then);
      }
    }

    /** The exchange with the service failed after its answer began. */
    private void broken(Throwable failure) {
      cancelTimer();
      if (clientGone || out.ended()) {
        return;
      }
      if (out.headWritten()) {
        // Part of the answer already left; all that is left to do is to cut it short.
        out.reset();
        return;
      }
      answer.headers().names().forEach(out.headers()::remove);
      out.headers().remove(HttpHeaders.DATE).remove(HttpHeaders.TRANSFER_ENCODING);
      reply(failureProblem(failure));
    }

    /** The exchange with the service failed before any answer. */
    private void failed(Throwable failure) {
      cancelTimer();
      if (clientGone) {
        return;
      }
      in.resume();
      reply(failureProblem(failure));
    }

    private Problem failureProblem(Throwable failure) {
      // Debug only: under load a failing service would otherwise flood the log from the event loop.
      LOG.debugf(
          "request %s to %s failed: %s",
          in.getHeader(RequestId.HEADER), service, failure.getClass().getSimpleName());
      if (limited != null && limited.exceeded()) {
        return RequestLimits.bodyTooLarge(maxBodyBytes);
      } else if (isTimeout(failure)) {
        return ProblemType.UPSTREAM_TIMEOUT.problem(service + " did not answer in time");
      }
      return ProblemType.UPSTREAM_UNAVAILABLE.problem(service + " is not reachable");
    }

    private void reply(Problem problem) {
      if (!out.ended()) {
        problems.send(out, problem, in.path(), in.getHeader(RequestId.HEADER));
      }
    }

    private void clientLeft(Throwable failure) {
      clientGone = true;
      cancelTimer();
      if (answer != null) {
        answer.handler(null);
      }
      if (upstream != null) {
        upstream.reset();
      }
      out.reset();
    }

    private void cancelTimer() {
      if (timer != -1) {
        vertx.cancelTimer(timer);
        timer = -1;
      }
    }
  }

  /**
   * Copies the headers the service receives: the client's, minus the hop-by-hop ones and {@code
   * Host} (the service's own address is sent), and the {@code X-Forwarded-*} ones. From a trusted
   * proxy the incoming ones are kept (the chain grows by the peer); from anyone else they are
   * replaced by what the gateway itself sees, so a client cannot pose as another host, scheme or
   * address.
   */
  void requestHeaders(HttpServerRequest incoming, MultiMap to) {
    MultiMap from = incoming.headers();
    SocketAddress remote = incoming.remoteAddress();
    String peer =
        remote == null ? null : remote.hostAddress() != null ? remote.hostAddress() : remote.host();
    boolean believed = trusted.trusts(peer);
    List<String> named = connectionOptions(from.get(HttpHeaders.CONNECTION));
    for (Map.Entry<String, String> header : from) {
      String name = header.getKey();
      if (isHopByHop(name)
          || name.equalsIgnoreCase("host")
          || (named != null && isNamed(named, name))
          || (!believed && isForwarding(name))) {
        continue;
      }
      to.add(name, header.getValue());
    }
    if (peer != null) {
      String prior = to.get("X-Forwarded-For");
      to.set("X-Forwarded-For", prior == null ? peer : prior + ", " + peer);
    }
    if (!to.contains("X-Forwarded-Proto")) {
      to.set("X-Forwarded-Proto", incoming.scheme());
    }
    String hostHeader = from.get(HttpHeaders.HOST);
    if (hostHeader != null && !to.contains("X-Forwarded-Host")) {
      to.set("X-Forwarded-Host", hostHeader);
    }
  }

  /** Copies the service's response headers the client receives, with a public Location. */
  void responseHeaders(HttpClientResponse response, MultiMap to) {
    MultiMap from = response.headers();
    List<String> named = connectionOptions(from.get(HttpHeaders.CONNECTION));
    for (Map.Entry<String, String> header : from) {
      String name = header.getKey();
      if (isHopByHop(name) || (named != null && isNamed(named, name))) {
        continue;
      }
      String value = header.getValue();
      to.add(name, name.equalsIgnoreCase("location") ? publicLocation(value) : value);
    }
    if (!from.contains(HttpHeaders.DATE)) {
      // A proxy adds the Date an origin without a clock left out (RFC 9110 §6.6.1).
      to.set(HttpHeaders.DATE, HttpDate.now());
    }
  }

  /**
   * A Location the service made absolute with its own address becomes a path on the gateway, as a
   * reverse proxy must (clients cannot reach, and must not learn, the internal address).
   */
  String publicLocation(String location) {
    URI uri;
    try {
      uri = URI.create(location);
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

  /** The hop-by-hop headers of RFC 9110 §7.6.1 (and HTTP/2 pseudo-headers), by length first. */
  static boolean isHopByHop(String name) {
    return switch (name.length()) {
      case 2 -> name.equalsIgnoreCase("te");
      case 7 -> name.equalsIgnoreCase("trailer") || name.equalsIgnoreCase("upgrade");
      case 10 -> name.equalsIgnoreCase("connection") || name.equalsIgnoreCase("keep-alive");
      case 17 -> name.equalsIgnoreCase("transfer-encoding");
      case 18 -> name.equalsIgnoreCase("proxy-authenticate");
      case 19 -> name.equalsIgnoreCase("proxy-authorization");
      default -> !name.isEmpty() && name.charAt(0) == ':';
    };
  }

  /**
   * The header names a {@code Connection} header lists (other than its own options {@code close}
   * and {@code keep-alive}, hop-by-hop anyway), or null when there are none.
   */
  static List<String> connectionOptions(String connection) {
    if (connection == null) {
      return null;
    }
    List<String> named = null;
    for (String option : connection.split(",")) {
      String name = option.trim();
      if (!name.isEmpty()
          && !name.equalsIgnoreCase("close")
          && !name.equalsIgnoreCase("keep-alive")) {
        if (named == null) {
          named = new ArrayList<>(2);
        }
        named.add(name.toLowerCase(Locale.ROOT));
      }
    }
    return named;
  }

  private static boolean isNamed(List<String> named, String name) {
    for (String n : named) {
      if (n.equalsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isForwarding(String name) {
    for (String f : FORWARDING_HEADERS) {
      if (f.equalsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }

  private static long parseLength(String length) {
    try {
      return Long.parseLong(length.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
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

  private static String basePath(URI base) {
    String path = base.getRawPath();
    if (path == null || path.isEmpty() || path.equals("/")) {
      return "";
    }
    return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  /** The current time as an HTTP date, formatted once a second. */
  private static final class HttpDate {
    private record Formatted(long second, String text) {}

    private static volatile Formatted current = new Formatted(-1, "");

    static String now() {
      long millis = System.currentTimeMillis();
      Formatted f = current;
      if (f.second() != millis / 1000) {
        f = new Formatted(millis / 1000, DateFormatter.format(new Date(millis)));
        current = f;
      }
      return f.text();
    }
  }
}
