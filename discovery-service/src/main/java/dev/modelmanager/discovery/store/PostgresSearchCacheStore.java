package dev.modelmanager.discovery.store;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
@Typed(PostgresSearchCacheStore.class)
public class PostgresSearchCacheStore implements SearchCacheStore {

  @Override
  @WithSession
  public Uni<Optional<CachedHubPage>> find(String key, Instant notBefore) {
    return SearchCacheEntity.<SearchCacheEntity>findById(key)
        .map(
            e ->
                Optional.ofNullable(e)
                    .filter(x -> !x.fetchedAt.toInstant().isBefore(notBefore))
                    .map(x -> new CachedHubPage(x.body, x.nextUrl, x.fetchedAt.toInstant())));
  }

  @Override
  @WithTransaction
  public Uni<Void> put(String key, String url, CachedHubPage page) {
    return SearchCacheEntity.<SearchCacheEntity>findById(key)
        .chain(
            existing -> {
              SearchCacheEntity e = existing != null ? existing : new SearchCacheEntity();
              e.key = key;
              e.url = url;
              e.body = page.body();
              e.nextUrl = page.nextUrl();
              e.fetchedAt = page.fetchedAt().atOffset(ZoneOffset.UTC);
              return existing != null ? Uni.createFrom().voidItem() : e.persist().replaceWithVoid();
            });
  }

  @Override
  @WithSession
  public Uni<List<StoredPage>> fetchedBetween(Instant from, Instant until, int limit) {
    return SearchCacheEntity.<SearchCacheEntity>find(
            "fetchedAt >= ?1 and fetchedAt < ?2 order by fetchedAt desc",
            from.atOffset(ZoneOffset.UTC),
            until.atOffset(ZoneOffset.UTC))
        .page(0, limit)
        .list()
        .map(
            l ->
                l.stream()
                    .map(e -> new StoredPage(e.key, e.url, e.fetchedAt.toInstant()))
                    .toList());
  }

  @Override
  @WithTransaction
  public Uni<Integer> evictOlderThan(Instant cutoff) {
    return SearchCacheEntity.delete("fetchedAt < ?1", cutoff.atOffset(ZoneOffset.UTC))
        .map(Long::intValue);
  }
}
