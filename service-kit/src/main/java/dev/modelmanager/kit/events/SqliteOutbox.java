package dev.modelmanager.kit.events;

import dev.modelmanager.kit.store.SqliteDatabase;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.util.List;
import java.util.function.Function;

/**
 * The outbox in the local SQLite file: append inside the caller's transaction, relay in id order.
 */
@ApplicationScoped
@Typed(SqliteOutbox.class)
public class SqliteOutbox implements Outbox, OutboxStore {
  private final SqliteDatabase db;
  private final EventJson json;

  SqliteOutbox(SqliteDatabase db, EventJson json) {
    this.db = db;
    this.json = json;
  }

  @Override
  public Uni<Void> append(OutboxMessage m) {
    return db.client()
        .preparedQuery(
            "insert into outbox(event_id, topic, aggregate_type, aggregate_id, event_type, payload, created_at)"
                + " values (?, ?, ?, ?, ?, ?, ?)")
        .execute(
            Tuple.from(
                List.of(
                    m.event().id(),
                    m.topic(),
                    m.aggregateType(),
                    m.aggregateId(),
                    m.event().type(),
                    json.write(m.event()),
                    dev.modelmanager.kit.store.SqliteTime.now())))
        .replaceWithVoid();
  }

  @Override
  public Uni<Integer> relayBatch(int limit, Function<PendingEvent, Uni<Void>> publish) {
    // One process owns the file, so no lock is needed; the relay itself never runs twice at once.
    return db.pool()
        .preparedQuery(
            "select id, topic, aggregate_id, payload from outbox where published_at is null order by id limit ?")
        .execute(Tuple.of(limit))
        .map(
            rows -> {
              List<PendingEvent> pending = new java.util.ArrayList<>();
              rows.forEach(
                  r ->
                      pending.add(
                          new PendingEvent(
                              r.getLong("id"),
                              r.getString("topic"),
                              r.getString("aggregate_id"),
                              r.getString("payload"))));
              return pending;
            })
        .chain(pending -> OutboxStore.publishInOrder(pending, publish))
        .chain(this::markPublished);
  }

  @Override
  public Uni<Backlog> backlog() {
    return db.pool()
        .query(
            "select count(*) as n, min(created_at) as oldest from outbox where published_at is null")
        .execute()
        .map(
            rows -> {
              io.vertx.mutiny.sqlclient.Row r = rows.iterator().next();
              return new Backlog(
                  r.getLong("n"),
                  dev.modelmanager.kit.store.SqliteTime.parse(r.getString("oldest")));
            });
  }

  @Override
  public Uni<Integer> deletePublishedBefore(java.time.Instant cutoff) {
    return db.pool()
        .preparedQuery("delete from outbox where published_at is not null and published_at < ?")
        .execute(Tuple.of(dev.modelmanager.kit.store.SqliteTime.format(cutoff)))
        .map(io.vertx.mutiny.sqlclient.SqlResult::rowCount);
  }

  private Uni<Integer> markPublished(List<Long> ids) {
    if (ids.isEmpty()) {
      return Uni.createFrom().item(0);
    }
    String now = dev.modelmanager.kit.store.SqliteTime.now();
    List<Tuple> batch = ids.stream().map(id -> Tuple.of(now, id)).toList();
    return db.pool()
        .preparedQuery("update outbox set published_at = ? where id = ?")
        .executeBatch(batch)
        .map(ignored -> ids.size());
  }
}
