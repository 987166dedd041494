package dev.modelmanager.kit.store;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The process's one {@code LISTEN} connection to Postgres, reconnecting forever. Each channel
 * registered here gets the payloads of {@code NOTIFY}s on it, and is told every time the connection
 * (re)subscribes: notifications sent while it was down are lost, so a listener that keeps state
 * derived from them should treat that moment as "anything may have changed".
 */
@ApplicationScoped
public class PgListener {
  private static final Logger LOG = Logger.getLogger(PgListener.class);

  private final Vertx vertx;
  private final String url;
  private final String username;
  private final String password;
  private PgSubscriber subscriber;
  private boolean connecting;

  PgListener(
      Vertx vertx,
      @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
      @ConfigProperty(name = "quarkus.datasource.username", defaultValue = "postgres")
          String username,
      @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
    this.vertx = vertx;
    this.url = url;
    this.username = username;
    this.password = password.orElse("");
  }

  /**
   * Starts listening on {@code channel}: {@code onNotify} gets each payload, {@code onSubscribed}
   * runs each time the channel is (re)subscribed after a connect.
   */
  public synchronized void listen(
      String channel, Consumer<String> onNotify, Runnable onSubscribed) {
    if (subscriber == null) {
      PgConnectOptions options = PgConnectOptions.fromUri(url.replaceFirst("^vertx-reactive:", ""));
      options.setUser(username);
      if (!password.isEmpty()) {
        options.setPassword(password);
      }
      subscriber = PgSubscriber.subscriber(vertx, options);
      subscriber.reconnectPolicy(retries -> 1000L);
    }
    subscriber.channel(channel).subscribeHandler(onSubscribed).handler(onNotify);
    if (!connecting) {
      connecting = true;
      subscriber
          .connect()
          .subscribe()
          .with(
              ok -> LOG.debugf("listening for Postgres notifications"),
              e -> LOG.warnf("Postgres LISTEN failed, retrying: %s", e.toString()));
    }
  }

  /** Whether the LISTEN connection is up right now (notifications are being received). */
  public synchronized boolean connected() {
    return subscriber != null && subscriber.actualConnection() != null;
  }

  @PreDestroy
  synchronized void close() {
    if (subscriber != null) {
      subscriber.close().subscribe().with(ok -> {}, e -> {});
    }
  }
}
