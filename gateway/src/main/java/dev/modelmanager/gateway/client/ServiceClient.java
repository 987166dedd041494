package dev.modelmanager.gateway.client;

import dev.modelmanager.gateway.config.GatewayConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * Short GETs to the services (system info, health, OpenAPI) that never wait longer than the probe
 * timeout: a slow or stopped service fails the answer, it never holds the caller.
 */
@ApplicationScoped
public class ServiceClient {
  private final WebClient client;
  private final Duration timeout;

  ServiceClient(Vertx vertx, GatewayConfig config) {
    this.timeout = config.probeTimeout();
    this.client =
        WebClient.create(
            vertx,
            new WebClientOptions()
                .setConnectTimeout(
                    (int) Math.min(timeout.toMillis(), config.connectTimeout().toMillis()))
                .setFollowRedirects(false)
                .setKeepAlive(true));
  }

  /** GET {@code baseUrl + pathAndQuery}; fails on a transport error or after the probe timeout. */
  public Uni<ServiceReply> get(String baseUrl, String pathAndQuery) {
    return Uni.createFrom()
        .deferred(
            () ->
                client
                    .getAbs(trimSlash(baseUrl) + pathAndQuery)
                    .putHeader("Accept", "application/json")
                    .timeout(timeout.toMillis())
                    .send())
        .map(r -> new ServiceReply(r.statusCode(), r.body()))
        .ifNoItem()
        .after(timeout)
        .fail();
  }

  private static String trimSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  @PreDestroy
  void close() {
    client.close();
  }
}
