package dev.modelmanager.discovery.refresh;

import dev.modelmanager.discovery.config.DiscoveryConfig;
import dev.modelmanager.discovery.store.CachedHubPage;
import dev.modelmanager.discovery.store.RefreshLease;
import dev.modelmanager.discovery.store.SearchCacheStore;
import dev.modelmanager.kit.events.EventJson;
import dev.modelmanager.kit.events.Outbox;
import dev.modelmanager.kit.events.OutboxMessage;
import dev.modelmanager.kit.hf.HubClient;
import dev.modelmanager.kit.store.Transactor;
import dev.modelmanager.model.events.CloudEvent;
import dev.modelmanager.model.events.Topics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.cache.CaffeineCache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The scheduled refresh of the Hub metadata caches (reconciliation, issue 13 item 7).
 *
 * <p>Every replica's scheduler ticks each {@code mm.discovery.refresh.interval}. On each tick the
 * replica drops, from its own in-memory {@code model-files} cache, the entries read at a branch (a
 * branch can move; a commit cannot). The shared search table is refreshed by one replica only, the
 * holder of the {@code refresh_lease} row: it re-fetches the stale pages fetched within {@code
 * window} (someone searched them recently), deletes every other stale page, and records a {@code
 * dev.modelmanager.discovery.cache.refreshed} event through the outbox. The vLLM architectures
 * registry is a versioned data file bundled with the build: there is nothing to refresh.
 */
@ApplicationScoped
public class CacheRefresh {
  public static final String LEASE = "hf-cache-refresh";
  public static final String EVENT_TYPE = "dev.modelmanager.discovery.cache.refreshed";
  static final String SOURCE = "/mm/discovery-service";
  private static final Logger LOG = Logger.getLogger(CacheRefresh.class);
  private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");

  private final HubClient hub;
  private final SearchCacheStore table;
  private final Cache searchMemory;
  private final Cache modelFiles;
  private final RefreshLease lease;
  private final Transactor tx;
  private final Outbox outbox;
  private final EventJson json;
  private final DiscoveryConfig.Refresh config;
  private final Duration searchTtl;
  private final MeterRegistry metrics;
  private final AtomicLong lastSuccess = new AtomicLong();
  private final String replica;

  CacheRefresh(
      HubClient hub,
      SearchCacheStore table,
      @CacheName("hf-search") Cache searchMemory,
      @CacheName("model-files") Cache modelFiles,
      RefreshLease lease,
      Transactor tx,
      Outbox outbox,
      EventJson json,
      DiscoveryConfig config,
      MeterRegistry metrics) {
    this.hub = hub;
    this.table = table;
    this.searchMemory = searchMemory;
    this.modelFiles = modelFiles;
    this.lease = lease;
    this.tx = tx;
    this.outbox = outbox;
    this.json = json;
    this.config = config.refresh();
    this.searchTtl = config.search().cacheTtl();
    this.metrics = metrics;
    this.replica = hostname() + "-" + UUID.randomUUID().toString().substring(0, 8);
    for (String outcome : List.of("success", "failure", "skipped")) {
      metrics.counter("mm_discovery_refresh_runs_total", "outcome", outcome);
    }
    Gauge.builder(
            "mm_discovery_refresh_last_success_timestamp_seconds", lastSuccess, AtomicLong::get)
        .description("When this replica last finished a refresh of the shared search cache")
        .register(metrics);
  }

  /** What one tick did; {@code ran} is false when another run held the lease or ran recently. */
  public record Outcome(
      boolean ran, int refreshed, int failed, int evicted, int modelFilesInvalidated) {}

  @Scheduled(
      identity = "discovery-cache-refresh",
      every = "${mm.discovery.refresh.interval:6h}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> scheduled() {
    return refresh()
        .onFailure()
        .recoverWithItem(
            e -> {
              LOG.warnf("cache refresh failed: %s", e.toString());
              return null;
            })
        .replaceWithVoid();
  }

  /** One tick: this replica's model-files cache, then the shared table if the lease is free. */
  public Uni<Outcome> refresh() {
    return invalidateBranchReads().chain(this::sharedTable);
  }

  private Uni<Outcome> sharedTable(int invalidated) {
    return lease
        .tryAcquire(LEASE, replica, config.lease(), config.minGap())
        .chain(
            taken -> {
              if (!taken) {
                run("skipped");
                return Uni.createFrom().item(new Outcome(false, 0, 0, 0, invalidated));
              }
              return refreshTable(invalidated)
                  .onItemOrFailure()
                  .call((o, e) -> lease.release(LEASE, replica))
                  .invoke(
                      o -> {
                        run("success");
                        lastSuccess.set(Instant.now().getEpochSecond());
                      })
                  .onFailure()
                  .invoke(e -> run("failure"));
            });
  }

  /** Entries read at a branch or tag leave this replica's cache; commit-pinned ones stay. */
  private Uni<Integer> invalidateBranchReads() {
    CaffeineCache caffeine = modelFiles.as(CaffeineCache.class);
    List<Object> branchReads =
        caffeine.keySet().stream()
            .filter(
                key -> {
                  String k = String.valueOf(key);
                  return !COMMIT.matcher(k.substring(k.lastIndexOf('@') + 1)).matches();
                })
            .toList();
    return Multi.createFrom()
        .iterable(branchReads)
        .onItem()
        .transformToUniAndConcatenate(caffeine::invalidate)
        .collect()
        .last()
        .map(
            ignored -> {
              entries("model-files", "invalidated", branchReads.size());
              return branchReads.size();
            });
  }

  private Uni<Outcome> refreshTable(int invalidated) {
    Instant started = Instant.now();
    Instant staleBefore = started.minus(searchTtl);
    return table
        .fetchedBetween(started.minus(config.window()), staleBefore, config.maxPages())
        .chain(
            pages ->
                Multi.createFrom()
                    .iterable(pages)
                    .onItem()
                    .transformToUniAndConcatenate(this::refetch)
                    .collect()
                    .asList())
        .chain(
            results -> {
              int refreshed = (int) results.stream().filter(ok -> ok).count();
              int failed = results.size() - refreshed;
              return table
                  .evictOlderThan(staleBefore)
                  .map(evicted -> new Outcome(true, refreshed, failed, evicted, invalidated));
            })
        .call(o -> record(o, started));
  }

  /** Re-fetches one page; a failure leaves it stale (deleted by this run's eviction). */
  private Uni<Boolean> refetch(SearchCacheStore.StoredPage page) {
    return hub.listModelsAt(page.url())
        .map(p -> new CachedHubPage(p.items().toString(), p.nextUrl(), Instant.now()))
        .call(p -> table.put(page.key(), page.url(), p))
        .call(() -> searchMemory.invalidate(page.key()))
        .map(p -> true)
        .onFailure()
        .recoverWithItem(
            e -> {
              LOG.debugf("refresh of %s failed: %s", page.url(), e.toString());
              return false;
            });
  }

  private Uni<Void> record(Outcome o, Instant started) {
    entries("search", "refreshed", o.refreshed());
    entries("search", "failed", o.failed());
    entries("search", "evicted", o.evicted());
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("replica", replica);
    data.put("startedAt", started.toString());
    data.put("durationMs", Duration.between(started, Instant.now()).toMillis());
    data.put("searchPagesRefreshed", o.refreshed());
    data.put("searchPagesFailed", o.failed());
    data.put("searchPagesEvicted", o.evicted());
    data.put("modelFilesInvalidated", o.modelFilesInvalidated());
    CloudEvent event = CloudEvent.create(SOURCE, EVENT_TYPE, LEASE, json.tree(data));
    return tx.inTransaction(
        () -> outbox.append(new OutboxMessage(Topics.DISCOVERY, "discovery-cache", LEASE, event)));
  }

  private void run(String outcome) {
    metrics.counter("mm_discovery_refresh_runs_total", "outcome", outcome).increment();
  }

  private void entries(String cache, String outcome, int n) {
    metrics.counter("mm_discovery_refresh_total", "cache", cache, "outcome", outcome).increment(n);
  }

  /** This replica's name in the lease row and the event. */
  public String replica() {
    return replica;
  }

  private static String hostname() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "discovery";
    }
  }
}
