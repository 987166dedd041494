package dev.modelmanager.kit.events;

import dev.modelmanager.kit.config.KitConfig;
import dev.modelmanager.kit.store.StoreSelector;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Deletes what is kept only for a while: published outbox rows after {@code mm.outbox.retention},
 * dedupe records after {@code mm.processed-events.retention}, and whatever other {@link
 * RetentionTask} a service declares. One failing task does not stop the others.
 */
@ApplicationScoped
public class RetentionCleanup {
  private static final Logger LOG = Logger.getLogger(RetentionCleanup.class);

  private final KitConfig config;
  private final StoreSelector selector;
  private final Instance<PostgresOutboxStore> postgresOutbox;
  private final Instance<SqliteOutbox> sqliteOutbox;
  private final ProcessedEvents processed;
  private final Instance<RetentionTask> serviceTasks;

  RetentionCleanup(
      KitConfig config,
      StoreSelector selector,
      Instance<PostgresOutboxStore> postgresOutbox,
      Instance<SqliteOutbox> sqliteOutbox,
      ProcessedEvents processed,
      Instance<RetentionTask> serviceTasks) {
    this.config = config;
    this.selector = selector;
    this.postgresOutbox = postgresOutbox;
    this.sqliteOutbox = sqliteOutbox;
    this.processed = processed;
    this.serviceTasks = serviceTasks;
  }

  @Scheduled(
      identity = "mm-retention-cleanup",
      every = "${mm.cleanup.interval:10m}",
      delayed = "${mm.cleanup.interval:10m}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> scheduled() {
    return purge(Instant.now()).replaceWithVoid();
  }

  /** Runs every task once for {@code now}; answers the rows deleted in total. */
  public Uni<Integer> purge(Instant now) {
    List<RetentionTask> tasks = new ArrayList<>(kitTasks());
    serviceTasks.forEach(tasks::add);
    return Multi.createFrom()
        .iterable(tasks)
        .onItem()
        .transformToUniAndConcatenate(task -> run(task, now))
        .collect()
        .with(java.util.stream.Collectors.summingInt(Integer::intValue));
  }

  private List<RetentionTask> kitTasks() {
    OutboxStore outbox = selector.choose(postgresOutbox, sqliteOutbox);
    return List.of(
        task("outbox", now -> outbox.deletePublishedBefore(now.minus(config.outbox().retention()))),
        task(
            "processed_event",
            now ->
                processed.deleteProcessedBefore(now.minus(config.processedEvents().retention()))));
  }

  private static Uni<Integer> run(RetentionTask task, Instant now) {
    return Uni.createFrom()
        .deferred(() -> task.purge(now))
        .invoke(n -> LOG.debugf("retention: %d expired row(s) deleted from %s", n, task.name()))
        .onFailure()
        .recoverWithItem(
            e -> {
              LOG.warnf("retention cleanup of %s failed, retrying next time: %s", task.name(), e);
              return 0;
            });
  }

  private static RetentionTask task(
      String name, java.util.function.Function<Instant, Uni<Integer>> purge) {
    return new RetentionTask() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Uni<Integer> purge(Instant now) {
        return purge.apply(now);
      }
    };
  }
}
