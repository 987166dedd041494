package dev.modelmanager.discovery.refresh;

import static dev.modelmanager.testkit.store.StoreContracts.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelmanager.discovery.store.CachedHubPage;
import dev.modelmanager.discovery.store.SearchCacheStore;
import dev.modelmanager.kit.store.StoreSelector;
import dev.modelmanager.testkit.hub.FakeHubResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A local run (SQLite, one process): the refresh just runs, each time it is asked. */
@QuarkusTest
@TestProfile(SqliteRefreshProfile.class)
class CacheRefreshSqliteTest {
  @Inject CacheRefresh refresh;
  @Inject SearchCacheStore table;
  @Inject StoreSelector store;

  @Test
  void theRefreshRunsWithoutALeaseRowAndRefetchesTheStalePage() throws Throwable {
    assertThat(store.sqlite()).isTrue();
    String url = FakeHubResource.url() + "/api/models?search=Mixtral-8x7B";
    Instant now = Instant.now();
    await(
        () ->
            table.put("sqlite-stale", url, new CachedHubPage("[]", null, now.minusSeconds(1200))));

    CacheRefresh.Outcome first = await(refresh::refresh);
    assertThat(first.ran()).isTrue();
    assertThat(first.refreshed()).isEqualTo(1);
    assertThat(await(() -> table.find("sqlite-stale", now)).orElseThrow().body())
        .contains("mistralai/Mixtral-8x7B-v0.1");
    assertThat(await(refresh::refresh).ran()).as("no gap between runs of one process").isTrue();
  }
}
