package dev.modelmanager.gateway.proxy;

import dev.modelmanager.gateway.config.GatewayConfig;
import dev.modelmanager.gateway.domain.TrustedProxies;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

/**
 * The vertx-http-proxy reverse proxies to the configured services, over keep-alive HTTP clients.
 *
 * <p><b>One client per event loop.</b> A pooled Vert.x connection belongs to the event loop that
 * opened it. With one client shared by all loops, a request arriving on loop A is often lent a
 * connection of loop B, and every step of the exchange (headers, body chunks, end) then hops
 * between the two threads. Each event loop therefore has its own client (and proxies): the
 * connections it uses were opened on it, and a request is forwarded and answered on one thread.
 *
 * <p>Three separate limits: the TCP connect timeout makes a stopped service a quick 502; the
 * pool-acquisition timeout (how long a request may queue for a pooled connection under load) is
 * long, so the gateway's own queueing is never answered as an error; the idle timeout turns a
 * silent service into a 504, and the total deadline bounds a service that trickles.
 */
@ApplicationScoped
public class ServiceProxies {
  private final Vertx vertx;
  private final HttpClientOptions clientOptions;
  private final PoolOptions poolOptions;
  private final Map<String, Target> targets = new HashMap<>();

  /** Per event-loop thread (and one for callers off an event loop): its client and proxies. */
  private final Map<Thread, Loop> loops = new ConcurrentHashMap<>();

  private final Loop offLoop;

  /** What forwarding to one service needs, whatever the client. */
  private record Target(
      RequestOptions options, long deadlineMillis, ForwardingInterceptor interceptor) {}

  /** One event loop's upstream client and a reverse proxy per service over it. */
  private record Loop(HttpClient client, Map<String, HttpProxy> proxies) {}

  ServiceProxies(
      Vertx vertx, GatewayConfig config, ProblemResponses problems, RequestLimits limits) {
    this.vertx = vertx;
    GatewayConfig.Pool pool = config.pool();
    this.clientOptions =
        new HttpClientOptions()
            .setConnectTimeout((int) config.connectTimeout().toMillis())
            .setKeepAlive(true)
            .setKeepAliveTimeout((int) Math.max(1, pool.idleTimeout().toSeconds()))
            .setTcpNoDelay(true)
            .setDecompressionSupported(false);
    this.poolOptions = new PoolOptions().setHttp1MaxSize(pool.maxSize());
    TrustedProxies trusted = TrustedProxies.of(config.trustedProxies().orElse(List.of()));
    config
        .services()
        .forEach(
            (name, service) -> {
              URI base = URI.create(service.url());
              boolean ssl = "https".equalsIgnoreCase(base.getScheme());
              int port = base.getPort() > 0 ? base.getPort() : ssl ? 443 : 80;
              SocketAddress origin = SocketAddress.inetSocketAddress(port, base.getHost());
              RequestOptions options =
                  new RequestOptions()
                      .setServer(origin)
                      .setSsl(ssl)
                      // In Vert.x this bounds getting a connection from the pool, queueing
                      // included.
                      .setConnectTimeout(pool.acquireTimeout().toMillis())
                      .setIdleTimeout(config.responseTimeout().toMillis());
              long deadline = service.deadline().orElse(config.deadline()).toMillis();
              targets.put(
                  name,
                  new Target(
                      options,
                      deadline,
                      new ForwardingInterceptor(
                          name,
                          base.getHost(),
                          port,
                          basePath(base),
                          problems,
                          trusted,
                          limits.maxBodyBytes())));
            });
    this.offLoop = newLoop();
  }

  private Loop newLoop() {
    HttpClient client = vertx.createHttpClient(clientOptions, poolOptions);
    Map<String, HttpProxy> proxies = new HashMap<>();
    targets.forEach(
        (name, target) ->
            proxies.put(
                name,
                HttpProxy.reverseProxy(new ProxyOptions().setSupportWebSocket(false), client)
                    .origin(
                        ctx ->
                            ctx.client()
                                .request(new RequestOptions(target.options()))
                                .map(r -> withDeadline(r, name, target.deadlineMillis())))
                    .addInterceptor(target.interceptor())));
    return new Loop(client, Map.copyOf(proxies));
  }

  /** The calling event loop's client and proxies, made on its first request. */
  private Loop loop() {
    if (!Context.isOnEventLoopThread()) {
      return offLoop;
    }
    return loops.computeIfAbsent(Thread.currentThread(), t -> newLoop());
  }

  /** The service took longer than its total deadline. */
  static final class DeadlineExceeded extends TimeoutException {
    DeadlineExceeded(String service, long millis) {
      super(service + " exceeded its " + Duration.ofMillis(millis) + " deadline");
    }
  }

  /**
   * Resets the exchange when it is still running at the deadline: before the answer started, the
   * interceptor turns the failure into a 504 problem; after, the client's answer is cut short.
   */
  private HttpClientRequest withDeadline(HttpClientRequest request, String service, long millis) {
    long timer =
        vertx.setTimer(millis, t -> request.reset(0, new DeadlineExceeded(service, millis)));
    request
        .response()
        .compose(response -> response.end())
        .onComplete(done -> vertx.cancelTimer(timer));
    return request;
  }

  /** Forwards {@code request} to {@code service}; the proxy writes the whole answer. */
  public boolean forward(String service, HttpServerRequest request) {
    if (!targets.containsKey(service)) {
      return false;
    }
    loop().proxies().get(service).handle(request);
    return true;
  }

  private static String basePath(URI base) {
    String path = base.getRawPath();
    if (path == null || path.isEmpty() || path.equals("/")) {
      return "";
    }
    return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  @PreDestroy
  void close() {
    offLoop.client().close();
    loops.values().forEach(l -> l.client().close());
  }
}
