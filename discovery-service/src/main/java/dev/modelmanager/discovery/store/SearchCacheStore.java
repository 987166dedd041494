package dev.modelmanager.discovery.store;

import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The search cache's table, so a restarted service answers warm; both adapters pass one contract
 * test.
 */
public interface SearchCacheStore {
  /** The page stored under {@code key} if it was fetched at or after {@code notBefore}. */
  Uni<Optional<CachedHubPage>> find(String key, Instant notBefore);

  /** Stores or replaces the page under {@code key}. */
  Uni<Void> put(String key, String url, CachedHubPage page);

  /**
   * Pages fetched in {@code [from, until)}, most recently fetched first, at most {@code limit}: the
   * stale pages the scheduled refresh re-fetches.
   */
  Uni<List<StoredPage>> fetchedBetween(Instant from, Instant until, int limit);

  /** Where a stored page came from and when it was fetched. */
  record StoredPage(String key, String url, Instant fetchedAt) {}

  /** Deletes pages fetched before {@code cutoff}; answers how many. */
  Uni<Integer> evictOlderThan(Instant cutoff);
}
