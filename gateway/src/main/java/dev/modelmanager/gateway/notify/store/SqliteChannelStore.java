package dev.modelmanager.gateway.notify.store;

import dev.modelmanager.gateway.notify.domain.Channel;
import dev.modelmanager.gateway.notify.domain.ChannelType;
import dev.modelmanager.gateway.notify.domain.Severity;
import dev.modelmanager.kit.store.SqliteDatabase;
import dev.modelmanager.kit.store.SqliteTime;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.templates.SqlTemplate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** SqlTemplate adapter over the local SQLite file; joins the caller's transaction. */
@ApplicationScoped
@Typed(SqliteChannelStore.class)
public class SqliteChannelStore implements ChannelStore {
  private final SqliteDatabase db;

  SqliteChannelStore(SqliteDatabase db) {
    this.db = db;
  }

  @Override
  public Uni<Void> insert(Channel c) {
    return SqlTemplate.forUpdate(
            db.client(),
            "insert into notification_channel (id, name, type, target, events, min_severity,"
                + " filters, secret, enabled, created_by, created_at, updated_at, digest) values (#{id},"
                + " #{name}, #{type}, #{target}, #{events}, #{minSeverity}, #{filters}, #{secret},"
                + " #{enabled}, #{createdBy}, #{createdAt}, #{updatedAt}, #{digest})")
        .execute(params(c))
        .replaceWithVoid();
  }

  @Override
  public Uni<Channel> find(String id) {
    return SqlTemplate.forQuery(db.client(), "select * from notification_channel where id = #{id}")
        .execute(Map.of("id", id))
        .map(rows -> rows.iterator().hasNext() ? toChannel(rows.iterator().next()) : null);
  }

  @Override
  public Uni<List<Channel>> list() {
    return SqlTemplate.forQuery(db.client(), "select * from notification_channel order by name")
        .execute(Map.of())
        .map(
            rows -> {
              List<Channel> out = new ArrayList<>();
              for (Row r : rows) {
                out.add(toChannel(r));
              }
              return out;
            });
  }

  @Override
  public Uni<Boolean> update(Channel c) {
    return SqlTemplate.forUpdate(
            db.client(),
            "update notification_channel set name = #{name}, type = #{type}, target = #{target},"
                + " events = #{events}, min_severity = #{minSeverity}, filters = #{filters},"
                + " secret = #{secret}, enabled = #{enabled}, created_by = #{createdBy},"
                + " updated_at = #{updatedAt}, digest = #{digest} where id = #{id}")
        .execute(params(c))
        .map(r -> r.rowCount() > 0);
  }

  @Override
  public Uni<Boolean> delete(String id) {
    return SqlTemplate.forUpdate(db.client(), "delete from notification_channel where id = #{id}")
        .execute(Map.of("id", id))
        .map(r -> r.rowCount() > 0);
  }

  private static Map<String, Object> params(Channel c) {
    Map<String, Object> p = new HashMap<>();
    p.put("id", c.id());
    p.put("name", c.name());
    p.put("type", c.type().wire());
    p.put("target", c.target());
    p.put("events", Json.write(c.events()));
    p.put("minSeverity", c.minSeverity().wire());
    p.put("filters", Json.write(c.filters()));
    p.put("secret", c.secret());
    p.put("enabled", c.enabled() ? 1 : 0);
    p.put("createdBy", c.createdBy());
    p.put("createdAt", SqliteTime.format(c.createdAt()));
    p.put("updatedAt", SqliteTime.format(c.updatedAt()));
    p.put("digest", Json.duration(c.digest()));
    return p;
  }

  private static Channel toChannel(Row r) {
    return new Channel(
        r.getString("id"),
        r.getString("name"),
        ChannelType.parse(r.getString("type")),
        r.getString("target"),
        Json.list(r.getString("events")),
        Severity.parse(r.getString("min_severity")),
        Json.map(r.getString("filters")),
        r.getString("secret"),
        r.getInteger("enabled") != 0,
        r.getString("created_by"),
        SqliteTime.parse(r.getString("created_at")),
        SqliteTime.parse(r.getString("updated_at")),
        Json.duration(r.getString("digest")));
  }
}
