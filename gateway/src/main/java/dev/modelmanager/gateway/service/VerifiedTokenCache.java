package dev.modelmanager.gateway.service;

import dev.modelmanager.gateway.config.AuthConfig;
import dev.modelmanager.gateway.domain.ApiToken;
import dev.modelmanager.kit.config.KitConfig;
import dev.modelmanager.kit.store.PgListener;
import dev.modelmanager.kit.store.StoreSelector;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.jboss.logging.Logger;

/**
 * API tokens this replica has verified, by hash, so that a request does not cost a store read.
 *
 * <p>A revocation must hold on the next request on every replica, so the cache is only trusted
 * while it cannot have missed a change:
 *
 * <ul>
 *   <li>On Postgres, a trigger on {@code api_token} sends a {@code NOTIFY} when a token is revoked,
 *       rotated, re-scoped or deleted (also by hand in psql); every replica LISTENs and empties its
 *       cache. While the LISTEN connection is down nothing is served from the cache, and it is
 *       emptied again when the connection comes back.
 *   <li>On SQLite (one local process) the service empties it after its own changes.
 *   <li>A lookup that started before an invalidation is not stored (a generation counter), so a
 *       read racing a revocation cannot put the revoked token back.
 *   <li>Entries live at most {@code mm.auth.tokens.cache-ttl}; expiry ({@code expiresAt}) is
 *       checked on every use, not only at lookup.
 * </ul>
 */
@Singleton
public class VerifiedTokenCache {
  private static final Logger LOG = Logger.getLogger(VerifiedTokenCache.class);

  private record Entry(ApiToken token, long generation, long loadedAtNanos) {}

  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private final AtomicLong generation = new AtomicLong();
  private final long ttlNanos;
  private final int maxSize;
  private final LongSupplier nanoTime;
  private volatile BooleanSupplier changesHeard = () -> false;

  @Inject
  VerifiedTokenCache(AuthConfig config) {
    this(config.tokens().cacheTtl().toNanos(), config.tokens().cacheSize(), System::nanoTime);
  }

  VerifiedTokenCache(long ttlNanos, int maxSize, LongSupplier nanoTime) {
    this.ttlNanos = ttlNanos;
    this.maxSize = maxSize;
    this.nanoTime = nanoTime;
  }

  void start(
      @Observes StartupEvent ignored,
      StoreSelector selector,
      KitConfig kit,
      Instance<PgListener> listener) {
    if (ttlNanos <= 0) {
      LOG.info("API token cache off (mm.auth.tokens.cache-ttl=0)");
      return;
    }
    if (selector.sqlite()) {
      listenTo(() -> true);
      return;
    }
    PgListener pg = listener.get();
    pg.listen(changeChannel(kit.schema()), id -> invalidateAll(), this::invalidateAll);
    listenTo(pg::connected);
  }

  /** The Postgres channel the {@code api_token} trigger notifies (see V15__api_token_notify). */
  static String changeChannel(String schema) {
    return "mm_api_token_" + schema;
  }

  /**
   * Serves from the cache only while {@code heard} says every change to a token reaches this
   * replica.
   */
  void listenTo(BooleanSupplier heard) {
    changesHeard = heard;
  }

  /** The token with this hash, if verified recently and nothing changed since. */
  Optional<ApiToken> get(String hash) {
    Entry entry = entries.get(hash);
    if (entry == null
        || entry.generation() != generation.get()
        || nanoTime.getAsLong() - entry.loadedAtNanos() > ttlNanos
        || !changesHeard.getAsBoolean()) {
      return Optional.empty();
    }
    return Optional.of(entry.token());
  }

  /** The generation to pass to {@link #put} for a lookup that starts now. */
  long generation() {
    return generation.get();
  }

  /** Remembers a token read from the store by a lookup that started at {@code lookupGeneration}. */
  void put(String hash, ApiToken token, long lookupGeneration) {
    if (ttlNanos <= 0 || lookupGeneration != generation.get() || !changesHeard.getAsBoolean()) {
      return;
    }
    if (entries.size() >= maxSize) {
      entries.clear();
    }
    // Should an invalidation run between the check above and this put, the entry carries the old
    // generation and get() never serves it.
    entries.put(hash, new Entry(token, lookupGeneration, nanoTime.getAsLong()));
  }

  /** Forgets every token: one changed somewhere, or a change may have been missed. */
  public void invalidateAll() {
    generation.incrementAndGet();
    entries.clear();
  }
}
