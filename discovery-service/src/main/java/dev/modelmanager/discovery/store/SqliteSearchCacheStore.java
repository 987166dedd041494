package dev.modelmanager.discovery.store;

import dev.modelmanager.kit.store.SqliteDatabase;
import dev.modelmanager.kit.store.SqliteTime;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.templates.SqlTemplate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

@ApplicationScoped
@Typed(SqliteSearchCacheStore.class)
public class SqliteSearchCacheStore implements SearchCacheStore {
  private final SqliteDatabase db;

  SqliteSearchCacheStore(SqliteDatabase db) {
    this.db = db;
  }

  @Override
  public Uni<Optional<CachedHubPage>> find(String key, Instant notBefore) {
    return SqlTemplate.forQuery(
            db.client(),
            "select body, next_url, fetched_at from search_cache where cache_key = #{key}")
        .execute(Map.of("key", key))
        .map(
            rows -> {
              for (Row r : rows) {
                Instant fetched = Instant.parse(r.getString("fetched_at"));
                if (!fetched.isBefore(notBefore)) {
                  return Optional.of(
                      new CachedHubPage(r.getString("body"), r.getString("next_url"), fetched));
                }
              }
              return Optional.<CachedHubPage>empty();
            });
  }

  @Override
  public Uni<Void> put(String key, String url, CachedHubPage page) {
    Map<String, Object> p = new HashMap<>();
    p.put("key", key);
    p.put("url", url);
    p.put("body", page.body());
    p.put("next", page.nextUrl());
    p.put("fetched", SqliteTime.format(page.fetchedAt()));
    return SqlTemplate.forUpdate(
            db.client(),
            "insert into search_cache(cache_key, url, body, next_url, fetched_at) values (#{key}, #{url}, #{body}, #{next}, #{fetched})"
                + " on conflict(cache_key) do update set url = excluded.url, body = excluded.body,"
                + " next_url = excluded.next_url, fetched_at = excluded.fetched_at")
        .execute(p)
        .replaceWithVoid();
  }

  @Override
  public Uni<Integer> evictOlderThan(Instant cutoff) {
    return SqlTemplate.forUpdate(
            db.client(), "delete from search_cache where fetched_at < #{cutoff}")
        .execute(Map.of("cutoff", SqliteTime.format(cutoff)))
        .map(r -> r.rowCount());
  }
}
