package dev.modelmanager.gateway.store;

import dev.modelmanager.gateway.domain.LoggedEvent;
import dev.modelmanager.kit.store.SqliteDatabase;
import dev.modelmanager.kit.store.SqliteTime;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
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
@Typed(SqliteEventLogStore.class)
public class SqliteEventLogStore implements EventLogStore {
  private static final String COLUMNS =
      "seq, id, type, source, subject, time, topic, data, received_at";

  private final SqliteDatabase db;

  SqliteEventLogStore(SqliteDatabase db) {
    this.db = db;
  }

  @Override
  public Uni<Void> append(LoggedEvent e) {
    Map<String, Object> p = new HashMap<>();
    p.put("id", e.id());
    p.put("type", e.type());
    p.put("source", e.source());
    p.put("subject", e.subject());
    p.put("time", SqliteTime.format(e.time()));
    p.put("topic", e.topic());
    p.put("data", e.data());
    p.put("received", SqliteTime.format(e.receivedAt()));
    return SqlTemplate.forUpdate(
            db.client(),
            "insert into event_log(id, type, source, subject, time, topic, data, received_at)"
                + " values (#{id}, #{type}, #{source}, #{subject}, #{time}, #{topic}, #{data},"
                + " #{received})")
        .execute(p)
        .replaceWithVoid();
  }

  @Override
  public Uni<List<LoggedEvent>> newestFirst(Long beforeSeq, String type, int limit) {
    List<String> where = new ArrayList<>();
    Map<String, Object> p = new HashMap<>();
    if (beforeSeq != null) {
      where.add("seq < #{before}");
      p.put("before", beforeSeq);
    }
    if (type != null) {
      where.add("type = #{type}");
      p.put("type", type);
    }
    p.put("limit", limit);
    String sql =
        "select "
            + COLUMNS
            + " from event_log"
            + (where.isEmpty() ? "" : " where " + String.join(" and ", where))
            + " order by seq desc limit #{limit}";
    return SqlTemplate.forQuery(db.client(), sql)
        .execute(p)
        .map(
            rows -> {
              List<LoggedEvent> out = new ArrayList<>();
              for (Row r : rows) {
                out.add(toEvent(r));
              }
              return out;
            });
  }

  @Override
  public Uni<Integer> deleteReceivedBefore(Instant cutoff) {
    return db.pool()
        .preparedQuery("delete from event_log where received_at < ?")
        .execute(io.vertx.mutiny.sqlclient.Tuple.of(SqliteTime.format(cutoff)))
        .map(r -> r.rowCount());
  }

  private static LoggedEvent toEvent(Row r) {
    String time = r.getString("time");
    return new LoggedEvent(
        r.getLong("seq"),
        r.getString("id"),
        r.getString("type"),
        r.getString("source"),
        r.getString("subject"),
        time == null ? null : Instant.parse(time),
        r.getString("topic"),
        r.getString("data"),
        Instant.parse(r.getString("received_at")));
  }
}
