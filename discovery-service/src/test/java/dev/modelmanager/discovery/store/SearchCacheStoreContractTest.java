package dev.modelmanager.discovery.store;

import static dev.modelmanager.testkit.store.StoreContracts.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelmanager.testkit.store.StoreContract;
import dev.modelmanager.testkit.store.StoreContractProfile;
import dev.modelmanager.testkit.store.StoreKind;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One behaviour contract for the search cache table, run against real Postgres and a SQLite file.
 */
@QuarkusTest
@TestProfile(StoreContractProfile.class)
class SearchCacheStoreContractTest {
  private static final Instant T0 = Instant.parse("2031-05-01T10:00:00Z");

  @Inject PostgresSearchCacheStore postgres;
  @Inject SqliteSearchCacheStore sqlite;

  SearchCacheStore store(StoreKind kind) {
    return kind.pick(postgres, sqlite);
  }

  @StoreContract
  void aStoredPageReadsBackWhileFresh(StoreKind kind) throws Throwable {
    SearchCacheStore s = store(kind);
    CachedHubPage page =
        new CachedHubPage("[{\"id\":\"a/b\"}]", "https://hub/api/models?cursor=x", T0);
    await(() -> s.put("fresh-" + kind, "https://hub/api/models?q=1", page));

    assertThat(await(() -> s.find("fresh-" + kind, T0.minusSeconds(60)))).contains(page);
    assertThat(await(() -> s.find("fresh-" + kind, T0)))
        .as("fetched exactly at the limit")
        .contains(page);
    assertThat(await(() -> s.find("fresh-" + kind, T0.plusMillis(1)))).as("stale").isEmpty();
    assertThat(await(() -> s.find("missing-" + kind, T0.minusSeconds(60)))).isEmpty();
  }

  @StoreContract
  void putReplacesThePageUnderTheSameKey(StoreKind kind) throws Throwable {
    SearchCacheStore s = store(kind);
    await(() -> s.put("replace-" + kind, "u", new CachedHubPage("[1]", null, T0)));
    CachedHubPage newer = new CachedHubPage("[2]", null, T0.plusSeconds(5));
    await(() -> s.put("replace-" + kind, "u", newer));
    assertThat(await(() -> s.find("replace-" + kind, T0))).contains(newer);
  }

  @StoreContract
  void subSecondTimesCompareAsTimesNotAsText(StoreKind kind) throws Throwable {
    SearchCacheStore s = store(kind);
    // 10:00:00.5 is after 10:00:00 although "…00.5Z" < "…00Z" as unpadded text.
    Instant halfPast = T0.plusMillis(500);
    await(() -> s.put("subsecond-" + kind, "u", new CachedHubPage("[]", null, halfPast)));
    assertThat(await(() -> s.find("subsecond-" + kind, T0))).isPresent();
  }

  @StoreContract
  void evictionDeletesOnlyOlderPages(StoreKind kind) throws Throwable {
    SearchCacheStore s = store(kind);
    Instant old = T0.minus(400, ChronoUnit.DAYS);
    await(() -> s.put("old-" + kind, "u", new CachedHubPage("[]", null, old)));
    await(() -> s.put("new-" + kind, "u", new CachedHubPage("[]", null, T0)));
    int evicted = await(() -> s.evictOlderThan(old.plusSeconds(1)));
    assertThat(evicted).isGreaterThanOrEqualTo(1);
    assertThat(await(() -> s.find("old-" + kind, old.minusSeconds(1)))).isEmpty();
    assertThat(await(() -> s.find("new-" + kind, old))).isPresent();
  }

  @StoreContract
  void pagesFetchedInAWindowListNewestFirst(StoreKind kind) throws Throwable {
    SearchCacheStore s = store(kind);
    Instant base = T0.minus(200, ChronoUnit.DAYS);
    await(
        () -> s.put("w-before-" + kind, "u0", new CachedHubPage("[]", null, base.minusMillis(1))));
    await(() -> s.put("w-first-" + kind, "u1", new CachedHubPage("[]", null, base)));
    await(
        () -> s.put("w-second-" + kind, "u2", new CachedHubPage("[]", null, base.plusSeconds(5))));
    await(() -> s.put("w-end-" + kind, "u3", new CachedHubPage("[]", null, base.plusSeconds(10))));

    var pages = await(() -> s.fetchedBetween(base, base.plusSeconds(10), 10));
    assertThat(pages)
        .extracting(SearchCacheStore.StoredPage::key)
        .containsExactly("w-second-" + kind, "w-first-" + kind);
    assertThat(pages.get(0).url()).isEqualTo("u2");
    assertThat(pages.get(0).fetchedAt()).isEqualTo(base.plusSeconds(5));
    assertThat(await(() -> s.fetchedBetween(base, base.plusSeconds(10), 1)))
        .extracting(SearchCacheStore.StoredPage::key)
        .containsExactly("w-second-" + kind);
  }
}
