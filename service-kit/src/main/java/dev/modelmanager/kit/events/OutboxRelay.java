package dev.modelmanager.kit.events;

import dev.modelmanager.kit.config.KitConfig;
import dev.modelmanager.kit.store.PgListener;
import dev.modelmanager.kit.store.StoreSelector;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
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
 * Moves committed outbox rows to Kafka: at least once, in id order. Woken by the Postgres NOTIFY of
 * the outbox insert trigger (through {@link PgListener}) and by a poll timer as the fallback; never
 * runs two drains at once. Publishes the backlog as {@code mm_outbox_pending_events} and {@code
 * mm_outbox_oldest_pending_age_seconds}, read every {@code mm.outbox.metrics-interval} (also while
 * the relay is disabled, when the backlog only grows).
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
  private final Instance<PgListener> listener;
  private final AtomicBoolean draining = new AtomicBoolean();
  private final AtomicBoolean wokenWhileDraining = new AtomicBoolean();
  private final AtomicLong published = new AtomicLong();
  private final MeterRegistry metrics;
  private volatile OutboxStore.Backlog backlog = new OutboxStore.Backlog(0, null);
  private OutboxStore store;
  private long timerId = -1;
  private long metricsTimerId = -1;

  OutboxRelay(
      KitConfig config,
      Vertx vertx,
      EventPublisher publisher,
      StoreSelector selector,
      Instance<PostgresOutboxStore> postgres,
      Instance<SqliteOutbox> sqlite,
      Instance<PgListener> listener,
      MeterRegistry metrics) {
    this.config = config;
    this.vertx = vertx;
    this.publisher = publisher;
    this.selector = selector;
    this.postgres = postgres;
    this.sqlite = sqlite;
    this.listener = listener;
    this.metrics = metrics;
  }

  void start(@Observes StartupEvent ignored) {
    OutboxStore chosen = selector.choose(postgres, sqlite);
    Gauge.builder("mm_outbox_pending_events", this, r -> r.backlog.pending())
        .description("Outbox rows not yet published to Kafka")
        .register(metrics);
    Gauge.builder(
            "mm_outbox_oldest_pending_age_seconds",
            this,
            r -> r.backlog.oldestAgeSeconds(java.time.Instant.now()))
        .description("Seconds the oldest unpublished outbox row has waited (0 when none)")
        .register(metrics);
    metricsTimerId =
        vertx.setPeriodic(
            1, config.outbox().metricsInterval().toMillis(), id -> refreshBacklog(chosen));
    if (!config.outbox().enabled()) {
      LOG.info("outbox relay disabled (mm.outbox.enabled=false)");
      return;
    }
    store = chosen;
    if (!selector.sqlite()) {
      // A wake on every (re)subscribe too: rows committed while the connection was down.
      listener.get().listen("mm_outbox_" + config.schema(), payload -> wake(), this::wake);
    }
    timerId = vertx.setPeriodic(config.outbox().pollInterval().toMillis(), id -> wake());
    wake();
  }

  void stop(@Observes ShutdownEvent ignored) {
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
    }
    if (metricsTimerId >= 0) {
      vertx.cancelTimer(metricsTimerId);
    }
  }

  private void refreshBacklog(OutboxStore from) {
    from.backlog()
        .subscribe()
        .with(
            b -> backlog = b,
            failure -> LOG.debugf("outbox backlog not read: %s", failure.toString()));
  }

  /** The backlog as last read for the gauges. */
  public OutboxStore.Backlog backlog() {
    return backlog;
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
