package dev.modelmanager.kit.events;

import dev.modelmanager.kit.store.SqliteDatabase;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

@ApplicationScoped
@Typed(SqliteProcessedEvents.class)
public class SqliteProcessedEvents implements ProcessedEvents {
  private final SqliteDatabase db;

  SqliteProcessedEvents(SqliteDatabase db) {
    this.db = db;
  }

  @Override
  public Uni<Boolean> firstDelivery(String consumer, String eventId) {
    return db.client()
        .preparedQuery(
            "insert or ignore into processed_event(consumer, event_id, processed_at) values (?, ?, ?)")
        .execute(Tuple.of(consumer, eventId, dev.modelmanager.kit.store.SqliteTime.now()))
        .map(r -> r.rowCount() == 1);
  }

  @Override
  public Uni<Integer> deleteProcessedBefore(java.time.Instant cutoff) {
    return db.pool()
        .preparedQuery("delete from processed_event where processed_at < ?")
        .execute(Tuple.of(dev.modelmanager.kit.store.SqliteTime.format(cutoff)))
        .map(r -> r.rowCount());
  }
}
