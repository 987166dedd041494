package dev.modelmanager.kit.events;

import dev.modelmanager.kit.config.KitConfig;
import dev.modelmanager.kit.store.StoreSelector;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Moves committed outbox rows to Kafka: at least once, in id order. Woken by Postgres NOTIFY (see
 * {@link OutboxListener}) and by a poll timer as the fallback; never runs two drains at once.
 */
@ApplicationScoped
public class OutboxRelay {
  static final Logger LOG = Logger.getLogger(OutboxRelay.class);

  private final KitConfig config;
  private final Vertx vertx;
  private final EventPublisher publisher;
  private final StoreSelector selector;
  private final Instance<PostgresOutboxStore> postgres;
  private final Instance<SqliteOutbox> sqlite;
  private final Instance<OutboxListener> listener;
  private final AtomicBoolean draining = new AtomicBoolean();
  private final AtomicBoolean wokenWhileDraining = new AtomicBoolean();
  private final AtomicLong published = new AtomicLong();
  private OutboxStore store;
  private long timerId = -1;

  OutboxRelay(
      KitConfig config,
      Vertx vertx,
      EventPublisher publisher,
      StoreSelector selector,
      Instance<PostgresOutboxStore> postgres,
      Instance<SqliteOutbox> sqlite,
      Instance<OutboxListener> listener) {
    this.config = config;
    this.vertx = vertx;
    this.publisher = publisher;
    this.selector = selector;
    this.postgres = postgres;
    this.sqlite = sqlite;
    this.listener = listener;
  }

  void start(@Observes StartupEvent ignored) {
    if (!config.outbox().enabled()) {
      LOG.info("outbox relay disabled (mm.outbox.enabled=false)");
      return;
    }
    store = selector.choose(postgres, sqlite);
    if (!selector.sqlite()) {
      listener.get().listen(this::wake);
    }
    timerId = vertx.setPeriodic(config.outbox().pollInterval().toMillis(), id -> wake());
    wake();
  }

  void stop(@Observes ShutdownEvent ignored) {
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
    }
  }

  /** Starts a drain now, or right after the one in progress. */
  public void wake() {
    if (store == null) {
      return;
    }
    if (!draining.compareAndSet(false, true)) {
      wokenWhileDraining.set(true);
      return;
    }
    int limit = config.outbox().batchSize();
    store
        .relayBatch(
            limit,
            e -> publisher.publish(e).ifNoItem().after(config.outbox().publishTimeout()).fail())
        .subscribe()
        .with(
            count -> {
              published.addAndGet(count);
              draining.set(false);
              if (count == limit || wokenWhileDraining.getAndSet(false)) {
                wake();
              }
            },
            failure -> {
              draining.set(false);
              LOG.warnf("outbox relay failed, retrying on the next poll: %s", failure.toString());
            });
  }

  /** Events this process has published since it started. */
  public long publishedCount() {
    return published.get();
  }
}
