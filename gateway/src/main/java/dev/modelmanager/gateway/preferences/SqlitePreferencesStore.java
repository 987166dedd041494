package dev.modelmanager.gateway.preferences;

import dev.modelmanager.gateway.notify.store.Json;
import dev.modelmanager.kit.store.SqliteDatabase;
import dev.modelmanager.kit.store.SqliteTime;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.templates.SqlTemplate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** SqlTemplate adapter over the local SQLite file. */
@ApplicationScoped
@Typed(SqlitePreferencesStore.class)
public class SqlitePreferencesStore implements PreferencesStore {
  private final SqliteDatabase db;

  SqlitePreferencesStore(SqliteDatabase db) {
    this.db = db;
  }

  @Override
  public Uni<Optional<UserPreferences>> find(String subject) {
    return SqlTemplate.forQuery(
            db.client(),
            "select favorites, default_gpu_pool, default_location, theme, last_seen_event_at,"
                + " updated_at"
                + " from user_preferences where subject = #{s}")
        .execute(Map.of("s", subject))
        .map(
            rows -> {
              if (!rows.iterator().hasNext()) {
                return Optional.empty();
              }
              Row r = rows.iterator().next();
              return Optional.of(
                  new UserPreferences(
                      Json.list(r.getString("favorites")),
                      r.getString("default_gpu_pool"),
                      r.getString("default_location"),
                      r.getString("theme"),
                      r.getString("last_seen_event_at") == null
                          ? null
                          : SqliteTime.parse(r.getString("last_seen_event_at")),
                      SqliteTime.parse(r.getString("updated_at"))));
            });
  }

  @Override
  public Uni<Void> save(String subject, UserPreferences p) {
    Map<String, Object> params = new HashMap<>();
    params.put("s", subject);
    params.put("favorites", Json.write(p.favorites()));
    params.put("pool", p.defaultGpuPool());
    params.put("location", p.defaultLocation());
    params.put("theme", p.theme());
    params.put("seen", p.lastSeenEventAt() == null ? null : SqliteTime.format(p.lastSeenEventAt()));
    params.put("at", SqliteTime.format(p.updatedAt()));
    return SqlTemplate.forUpdate(
            db.client(),
            "insert into user_preferences (subject, favorites, default_gpu_pool, default_location,"
                + " theme, last_seen_event_at, updated_at) values (#{s}, #{favorites}, #{pool},"
                + " #{location}, #{theme}, #{seen}, #{at}) on conflict (subject) do update set favorites = excluded.favorites,"
                + " default_gpu_pool = excluded.default_gpu_pool,"
                + " default_location = excluded.default_location, theme = excluded.theme,"
                + " last_seen_event_at = excluded.last_seen_event_at,"
                + " updated_at = excluded.updated_at")
        .execute(params)
        .replaceWithVoid();
  }
}
