package dev.modelmanager.kit.events;

import dev.modelmanager.kit.config.KitConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Typed;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Relays the Postgres outbox. A transaction-scoped advisory lock makes one replica relay at a time,
 * which keeps per-aggregate order across replicas (SKIP LOCKED alone would let a second replica
 * publish later rows first).
 */
@ApplicationScoped
@Typed(PostgresOutboxStore.class)
public class PostgresOutboxStore implements OutboxStore {
  private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  private final Instance<Pool> pool;
  private final String table;
  private final String lockKey;

  PostgresOutboxStore(Instance<Pool> pool, KitConfig config) {
    if (!SCHEMA.matcher(config.schema()).matches()) {
      throw new IllegalArgumentException("mm.schema must be a lower-case SQL identifier");
    }
    this.pool = pool;
    this.table = config.schema() + ".outbox";
    this.lockKey = "mm-outbox:" + config.schema();
  }

  @Override
  public Uni<Integer> relayBatch(int limit, Function<PendingEvent, Uni<Void>> publish) {
    return pool.get().withTransaction(conn -> relayLocked(conn, limit, publish));
  }

  private Uni<Integer> relayLocked(
      SqlConnection conn, int limit, Function<PendingEvent, Uni<Void>> publish) {
    return conn.preparedQuery("select pg_try_advisory_xact_lock(hashtext($1)) as locked")
        .execute(Tuple.of(lockKey))
        .chain(
            rows -> {
              if (!rows.iterator().next().getBoolean("locked")) {
                return Uni.createFrom().item(0);
              }
              return conn.preparedQuery(
                      "select id, topic, aggregate_id, payload from "
                          + table
                          + " where published_at is null order by id limit $1")
                  .execute(Tuple.of(limit))
                  .map(PostgresOutboxStore::pending)
                  .chain(pending -> OutboxStore.publishInOrder(pending, publish))
                  .chain(ids -> markPublished(conn, ids));
            });
  }

  private static List<PendingEvent> pending(
      io.vertx.mutiny.sqlclient.RowSet<io.vertx.mutiny.sqlclient.Row> rows) {
    List<PendingEvent> out = new ArrayList<>();
    rows.forEach(
        r ->
            out.add(
                new PendingEvent(
                    r.getLong("id"),
                    r.getString("topic"),
                    r.getString("aggregate_id"),
                    r.getString("payload"))));
    return out;
  }

  @Override
  public Uni<Backlog> backlog() {
    return pool.get()
        .query(
            "select count(*) as n, min(created_at) as oldest from "
                + table
                + " where published_at is null")
        .execute()
        .map(
            rows -> {
              io.vertx.mutiny.sqlclient.Row r = rows.iterator().next();
              java.time.OffsetDateTime oldest = r.getOffsetDateTime("oldest");
              return new Backlog(r.getLong("n"), oldest == null ? null : oldest.toInstant());
            });
  }

  @Override
  public Uni<Integer> deletePublishedBefore(java.time.Instant cutoff) {
    return pool.get()
        .preparedQuery("delete from " + table + " where published_at < $1")
        .execute(Tuple.of(cutoff.atOffset(java.time.ZoneOffset.UTC)))
        .map(io.vertx.mutiny.sqlclient.SqlResult::rowCount);
  }

  private Uni<Integer> markPublished(SqlConnection conn, List<Long> ids) {
    if (ids.isEmpty()) {
      return Uni.createFrom().item(0);
    }
    return conn.preparedQuery("update " + table + " set published_at = now() where id = any($1)")
        .execute(Tuple.of(ids.toArray(new Long[0])))
        .map(ignored -> ids.size());
  }
}
