package dev.modelmanager.gateway.proxy;

import dev.modelmanager.gateway.config.GatewayConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * One vertx-http-proxy reverse proxy per configured service, sharing one HTTP client. The connect
 * timeout makes a stopped service a quick 502; the idle timeout turns a silent one into a 504.
 */
@ApplicationScoped
public class ServiceProxies {
  private final HttpClient client;
  private final Map<String, HttpProxy> proxies = new HashMap<>();

  ServiceProxies(Vertx vertx, GatewayConfig config, ProblemResponses problems) {
    this.client =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setKeepAlive(true)
                .setDecompressionSupported(false),
            new PoolOptions().setHttp1MaxSize(50));
    long idleMillis = config.responseTimeout().toMillis();
    config
        .services()
        .forEach(
            (name, service) -> {
              URI base = URI.create(service.url());
              boolean ssl = "https".equalsIgnoreCase(base.getScheme());
              int port = base.getPort() > 0 ? base.getPort() : ssl ? 443 : 80;
              SocketAddress origin = SocketAddress.inetSocketAddress(port, base.getHost());
              HttpProxy proxy =
                  HttpProxy.reverseProxy(new ProxyOptions().setSupportWebSocket(false), client)
                      .origin(
                          ctx ->
                              ctx.client()
                                  .request(
                                      new RequestOptions()
                                          .setServer(origin)
                                          .setSsl(ssl)
                                          .setConnectTimeout(config.connectTimeout().toMillis())
                                          .setIdleTimeout(idleMillis)))
                      .addInterceptor(
                          new ForwardingInterceptor(
                              name, base.getHost(), port, basePath(base), problems));
              proxies.put(name, proxy);
            });
  }

  /** Forwards {@code request} to {@code service}; the proxy writes the whole answer. */
  public boolean forward(String service, HttpServerRequest request) {
    HttpProxy proxy = proxies.get(service);
    if (proxy == null) {
      return false;
    }
    proxy.handle(request);
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
    client.close();
  }
}
