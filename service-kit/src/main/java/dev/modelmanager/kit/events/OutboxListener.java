package dev.modelmanager.kit.events;

import dev.modelmanager.kit.config.KitConfig;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** LISTENs on the outbox channel that the outbox insert trigger NOTIFYs, reconnecting forever. */
@ApplicationScoped
public class OutboxListener {
  private static final Logger LOG = Logger.getLogger(OutboxListener.class);

  private final Vertx vertx;
  private final KitConfig config;
  private final String url;
  private final String username;
  private final String password;
  private PgSubscriber subscriber;

  OutboxListener(
      Vertx vertx,
      KitConfig config,
      @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
      @ConfigProperty(name = "quarkus.datasource.username", defaultValue = "postgres")
          String username,
      @ConfigProperty(name = "quarkus.datasource.password") java.util.Optional<String> password) {
    this.vertx = vertx;
    this.config = config;
    this.url = url;
    this.username = username;
    this.password = password.orElse("");
  }

  void listen(Runnable onNotify) {
    PgConnectOptions options = PgConnectOptions.fromUri(url.replaceFirst("^vertx-reactive:", ""));
    options.setUser(username);
    if (!password.isEmpty()) {
      options.setPassword(password);
    }
    subscriber = PgSubscriber.subscriber(vertx, options);
    subscriber.reconnectPolicy(retries -> 1000L);
    subscriber.channel("mm_outbox_" + config.schema()).handler(payload -> onNotify.run());
    subscriber
        .connect()
        .subscribe()
        .with(
            ok -> LOG.debugf("listening on mm_outbox_%s", config.schema()),
            e -> LOG.warnf("outbox LISTEN failed, polling only: %s", e.toString()));
  }

  @PreDestroy
  void close() {
    if (subscriber != null) {
      subscriber.close().subscribe().with(ok -> {}, e -> {});
    }
  }
}
