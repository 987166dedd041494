package dev.modelmanager.gateway.notify.store;

import dev.modelmanager.gateway.domain.LoggedEvent;
import dev.modelmanager.gateway.notify.domain.Delivery;
import dev.modelmanager.gateway.notify.domain.DeliveryFilter;
import dev.modelmanager.gateway.notify.domain.DeliveryStatus;
import dev.modelmanager.kit.store.SqliteDatabase;
import dev.modelmanager.kit.store.SqliteTime;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.templates.SqlTemplate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** SqlTemplate adapter over the local SQLite file; joins the caller's transaction. */
@ApplicationScoped
@Typed(SqliteDeliveryStore.class)
public class SqliteDeliveryStore implements DeliveryStore {
  private final SqliteDatabase db;

  SqliteDeliveryStore(SqliteDatabase db) {
    this.db = db;
  }

  @Override
  public Uni<Boolean> enqueue(Delivery d) {
    Map<String, Object> p = new HashMap<>();
    p.put("id", d.id());
    p.put("channel", d.channelId());
    p.put("event", d.eventId());
    p.put("eventSeq", d.eventSeq());
    p.put("type", d.eventType());
    p.put("payload", d.payload());
    p.put("status", d.status().name());
    p.put("attempts", d.attempts());
    p.put("next", SqliteTime.format(d.nextAttemptAt()));
    p.put("created", SqliteTime.format(d.createdAt()));
    return SqlTemplate.forUpdate(
            db.client(),
            "insert into notification_delivery (id, channel_id, event_id, event_seq, event_type,"
                + " payload, status, attempts, next_attempt_at, created_at) values (#{id},"
                + " #{channel}, #{event}, #{eventSeq}, #{type}, #{payload}, #{status}, #{attempts},"
                + " #{next}, #{created}) on conflict (channel_id, event_id) do nothing")
        .execute(p)
        .map(r -> r.rowCount() > 0);
  }

  @Override
  public Uni<List<Delivery>> dueHeads(Instant now, int limit) {
    return SqlTemplate.forQuery(
            db.client(),
            "select * from notification_delivery d where d.status = 'PENDING' and"
                + " d.next_attempt_at <= #{now} and d.event_seq = (select min(p.event_seq) from"
                + " notification_delivery p where p.channel_id = d.channel_id and p.status ="
                + " 'PENDING') order by d.event_seq limit #{limit}")
        .execute(Map.of("now", SqliteTime.format(now), "limit", limit))
        .map(SqliteDeliveryStore::toDeliveries);
  }

  @Override
  public Uni<List<Delivery>> pendingAfter(String channelId, long afterEventSeq, int limit) {
    return SqlTemplate.forQuery(
            db.client(),
            "select * from notification_delivery where channel_id = #{channel} and status ="
                + " 'PENDING' and event_seq > #{after} order by event_seq limit #{limit}")
        .execute(Map.of("channel", channelId, "after", afterEventSeq, "limit", limit))
        .map(SqliteDeliveryStore::toDeliveries);
  }

  @Override
  public Uni<Boolean> save(Delivery d, Delivery from) {
    Map<String, Object> p = new HashMap<>();
    p.put("was", from.status().name());
    p.put("wasAttempts", from.attempts());
    p.put("id", d.id());
    p.put("status", d.status().name());
    p.put("attempts", d.attempts());
    p.put("next", SqliteTime.format(d.nextAttemptAt()));
    p.put("code", d.lastStatusCode());
    p.put("error", d.lastError());
    p.put("latency", d.latencyMs());
    p.put("delivered", SqliteTime.format(d.deliveredAt()));
    return SqlTemplate.forUpdate(
            db.client(),
            "update notification_delivery set status = #{status}, attempts = #{attempts},"
                + " next_attempt_at = #{next}, last_status = #{code}, last_error = #{error},"
                + " latency_ms = #{latency}, delivered_at = #{delivered} where id = #{id}"
                + " and status = #{was} and attempts = #{wasAttempts}")
        .execute(p)
        .map(r -> r.rowCount() > 0);
  }

  @Override
  public Uni<List<Delivery>> claimDigest(
      String channelId, String digestId, Instant now, Instant leaseUntil, int limit) {
    // SQLite runs one write at a time: the update is the claim, nobody can take a row in between.
    Map<String, Object> p = new HashMap<>();
    p.put("digest", digestId);
    p.put("lease", SqliteTime.format(leaseUntil));
    p.put("channel", channelId);
    p.put("now", SqliteTime.format(now));
    p.put("limit", limit);
    return SqlTemplate.forUpdate(
            db.client(),
            "update notification_delivery set digest_id = #{digest}, next_attempt_at = #{lease}"
                + " where seq in (select seq from notification_delivery where channel_id ="
                + " #{channel} and status = 'PENDING' and (digest_id is null or next_attempt_at <="
                + " #{now}) order by event_seq limit #{limit})")
        .execute(p)
        .chain(
            r ->
                SqlTemplate.forQuery(
                        db.client(),
                        "select * from notification_delivery where digest_id = #{digest} and"
                            + " status = 'PENDING' order by event_seq")
                    .execute(Map.of("digest", digestId)))
        .map(SqliteDeliveryStore::toDeliveries);
  }

  @Override
  public Uni<Integer> digestDelivered(
      String digestId, Integer statusCode, long latencyMs, Instant at) {
    Map<String, Object> p = new HashMap<>();
    p.put("code", statusCode);
    p.put("latency", latencyMs);
    p.put("at", SqliteTime.format(at));
    p.put("digest", digestId);
    return SqlTemplate.forUpdate(
            db.client(),
            "update notification_delivery set status = 'DELIVERED', attempts = attempts + 1,"
                + " next_attempt_at = null, last_status = #{code}, last_error = null, latency_ms ="
                + " #{latency}, delivered_at = #{at} where digest_id = #{digest} and status ="
                + " 'PENDING'")
        .execute(p)
        .map(r -> r.rowCount());
  }

  @Override
  public Uni<Integer> digestFailed(
      String digestId, String error, long latencyMs, Instant nextAttempt, int maxAttempts) {
    Map<String, Object> p = new HashMap<>();
    p.put("max", maxAttempts);
    p.put("next", SqliteTime.format(nextAttempt));
    p.put("error", error);
    p.put("latency", latencyMs);
    p.put("digest", digestId);
    return SqlTemplate.forUpdate(
            db.client(),
            "update notification_delivery set status = case when attempts + 1 >= #{max} then"
                + " 'DEAD_LETTER' else 'PENDING' end, next_attempt_at = case when attempts + 1 >="
                + " #{max} then null else #{next} end, attempts = attempts + 1, digest_id = null,"
                + " last_status = null, last_error = #{error}, latency_ms = #{latency} where"
                + " digest_id = #{digest} and status = 'PENDING'")
        .execute(p)
        .map(r -> r.rowCount());
  }

  @Override
  public Uni<Delivery> find(String id) {
    return SqlTemplate.forQuery(db.client(), "select * from notification_delivery where id = #{id}")
        .execute(Map.of("id", id))
        .map(rows -> toDeliveries(rows).stream().findFirst().orElse(null));
  }

  @Override
  public Uni<List<Delivery>> newestFirst(DeliveryFilter f, Long beforeSeq, int limit) {
    List<String> where = new ArrayList<>();
    Map<String, Object> p = new HashMap<>();
    if (beforeSeq != null) {
      where.add("seq < #{before}");
      p.put("before", beforeSeq);
    }
    if (f.channelId() != null) {
      where.add("channel_id = #{channel}");
      p.put("channel", f.channelId());
    }
    if (f.status() != null) {
      where.add("status = #{status}");
      p.put("status", f.status().name());
    }
    if (f.eventId() != null) {
      where.add("event_id = #{event}");
      p.put("event", f.eventId());
    }
    if (f.eventType() != null) {
      where.add("event_type = #{type}");
      p.put("type", f.eventType());
    }
    p.put("limit", limit);
    String sql =
        "select * from notification_delivery"
            + (where.isEmpty() ? "" : " where " + String.join(" and ", where))
            + " order by seq desc limit #{limit}";
    return SqlTemplate.forQuery(db.client(), sql).execute(p).map(SqliteDeliveryStore::toDeliveries);
  }

  @Override
  public Uni<Long> cursor(String name) {
    return SqlTemplate.forQuery(
            db.client(), "select seq from notification_cursor where name = #{n}")
        .execute(Map.of("n", name))
        .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getLong("seq") : null);
  }

  @Override
  public Uni<Void> saveCursor(String name, long seq) {
    return SqlTemplate.forUpdate(
            db.client(),
            "insert into notification_cursor (name, seq) values (#{n}, #{seq})"
                + " on conflict (name) do update set seq = excluded.seq")
        .execute(Map.of("n", name, "seq", seq))
        .replaceWithVoid();
  }

  @Override
  public Uni<List<LoggedEvent>> eventsAfter(long seq, int limit) {
    return SqlTemplate.forQuery(
            db.client(),
            "select seq, id, type, source, subject, time, topic, data, received_at from event_log"
                + " where seq > #{seq} order by seq limit #{limit}")
        .execute(Map.of("seq", seq, "limit", limit))
        .map(
            rows -> {
              List<LoggedEvent> out = new ArrayList<>();
              for (Row r : rows) {
                out.add(
                    new LoggedEvent(
                        r.getLong("seq"),
                        r.getString("id"),
                        r.getString("type"),
                        r.getString("source"),
                        r.getString("subject"),
                        SqliteTime.parse(r.getString("time")),
                        r.getString("topic"),
                        r.getString("data"),
                        SqliteTime.parse(r.getString("received_at"))));
              }
              return out;
            });
  }

  @Override
  public Uni<Long> lastEventSeq() {
    return SqlTemplate.forQuery(db.client(), "select max(seq) as m from event_log")
        .execute(Map.of())
        .map(
            rows -> {
              Long m = rows.iterator().next().getLong("m");
              return m == null ? 0L : m;
            });
  }

  private static List<Delivery> toDeliveries(RowSet<Row> rows) {
    List<Delivery> out = new ArrayList<>();
    for (Row r : rows) {
      out.add(
          new Delivery(
              r.getLong("seq"),
              r.getString("id"),
              r.getString("channel_id"),
              r.getString("event_id"),
              r.getLong("event_seq"),
              r.getString("event_type"),
              r.getString("payload"),
              DeliveryStatus.valueOf(r.getString("status")),
              r.getInteger("attempts"),
              SqliteTime.parse(r.getString("next_attempt_at")),
              r.getInteger("last_status"),
              r.getString("last_error"),
              r.getLong("latency_ms"),
              SqliteTime.parse(r.getString("created_at")),
              SqliteTime.parse(r.getString("delivered_at"))));
    }
    return out;
  }
}
