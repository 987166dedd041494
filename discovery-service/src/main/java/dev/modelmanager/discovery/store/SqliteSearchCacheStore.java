package dev.modelmanager.discovery.store;

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
  public Uni<List<StoredPage>> fetchedBetween(Instant from, Instant until, int limit) {
    return SqlTemplate.forQuery(
            db.client(),
            "select cache_key, url, fetched_at from search_cache"
                + " where fetched_at >= #{from} and fetched_at < #{until}"
                + " order by fetched_at desc limit #{limit}")
        .execute(
            Map.of(
                "from", SqliteTime.format(from),
                "until", SqliteTime.format(until),
                "limit", limit))
        .map(
            rows -> {
              List<StoredPage> out = new ArrayList<>();
              for (Row r : rows) {
                out.add(
                    new StoredPage(
                        r.getString("cache_key"),
                        r.getString("url"),
                        Instant.parse(r.getString("fetched_at"))));
              }
              return out;
            });
  }

  @Override
  public Uni<Integer> evictOlderThan(Instant cutoff) {
    return SqlTemplate.forUpdate(
            db.client(), "delete from search_cache where fetched_at < #{cutoff}")
        .execute(Map.of("cutoff", SqliteTime.format(cutoff)))
        .map(r -> r.rowCount());
  }
}
