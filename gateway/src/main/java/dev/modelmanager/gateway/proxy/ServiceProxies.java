package dev.modelmanager.gateway.proxy;

import dev.modelmanager.gateway.config.GatewayConfig;
import dev.modelmanager.gateway.domain.TrustedProxies;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Forwards requests to the configured services ({@link ServiceForwarder}: one per service) over
 * keep-alive Vert.x HTTP clients.
 *
 * <p><b>One client per event loop.</b> A pooled Vert.x connection belongs to the event loop that
 * opened it. With one client shared by all loops, a request arriving on loop A is often lent a
 * connection of loop B, and every step of the exchange (headers, body chunks, end) then hops
 * between the two threads. Each event loop therefore has its own client: the connections it uses
 * were opened on it, and a request is forwarded and answered on one thread.
 *
 * <p>Three separate limits: the TCP connect timeout makes a stopped service a quick 502; the
 * pool-acquisition timeout (how long a request may queue for a pooled connection under load) is
 * long, so the gateway's own queueing is never answered as an error; the idle timeout turns a
 * silent service into a 504, and the total deadline bounds a service that trickles.
 */
@Singleton
public class ServiceProxies {
  private final Vertx vertx;
  private final HttpClientOptions clientOptions;
  private final PoolOptions poolOptions;
  private final Map<String, ServiceForwarder> forwarders = new HashMap<>();

  /** Per event-loop thread: its client, made on its first request. */
  private final Map<Thread, HttpClient> loops = new ConcurrentHashMap<>();

  /** For callers off an event loop. */
  private final HttpClient offLoop;

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
            (name, service) ->
                forwarders.put(
                    name,
                    new ServiceForwarder(
                        name,
                        URI.create(service.url()),
                        new ServiceForwarder.Timeouts(
                            pool.acquireTimeout().toMillis(),
                            config.responseTimeout().toMillis(),
                            service.deadline().orElse(config.deadline()).toMillis()),
                        vertx,
                        problems,
                        trusted,
                        limits.maxBodyBytes())));
    this.offLoop = vertx.createHttpClient(clientOptions, poolOptions);
  }

  /** The calling event loop's client. */
  private HttpClient client() {
    if (!Context.isOnEventLoopThread()) {
      return offLoop;
    }
    Thread thread = Thread.currentThread();
    HttpClient client = loops.get(thread);
    return client != null
        ? client
        : loops.computeIfAbsent(thread, t -> vertx.createHttpClient(clientOptions, poolOptions));
  }

  /**
   * Forwards {@code request} to {@code service}, which then writes the whole answer; false when no
   * such service is configured.
   */
  public boolean forward(String service, HttpServerRequest request) {
    ServiceForwarder forwarder = forwarders.get(service);
    if (forwarder == null) {
      return false;
    }
    forwarder.forward(client(), request);
    return true;
  }

  @PreDestroy
  void close() {
    offLoop.close();
    loops.values().forEach(HttpClient::close);
  }
}
