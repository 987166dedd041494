package dev.modelmanager.weights.store;

import static dev.modelmanager.testkit.store.StoreContracts.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelmanager.testkit.store.StoreContract;
import dev.modelmanager.testkit.store.StoreKind;
import dev.modelmanager.weights.domain.Snapshot;
import dev.modelmanager.weights.domain.SnapshotQuery;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Installed snapshots: upsert by (location, repo, commit), keyset pages and filters. Both adapters,
 * one contract ({@link WeightsStoreContract}).
 */
@QuarkusTest
@TestProfile(WeightsContractProfile.class)
class SnapshotStoreContractTest extends WeightsStoreContract {
  @StoreContract
  void snapshotsUpsertByLocationRepoAndCommitKeepingIdAndPin(StoreKind store) throws Throwable {
    String kind = store.name().toLowerCase(java.util.Locale.ROOT);
    Adapters a = adapters(kind);
    Snapshot s = snapshot("org/snap-" + kind, false);
    Snapshot saved = await(() -> a.tx().inTransaction(() -> a.snapshots().upsert(s)));
    await(() -> a.tx().inTransaction(() -> a.snapshots().setPinned(saved.id(), true)));
    Snapshot again =
        await(
            () ->
                a.tx()
                    .inTransaction(
                        () -> a.snapshots().upsert(snapshot("org/snap-" + kind, false))));
    assertThat(again.id()).isEqualTo(saved.id());
    assertThat(again.pinned()).isTrue();
    assertThat(again.blobs()).containsEntry("d".repeat(64), 100L);
    await(() -> a.tx().inTransaction(() -> a.snapshots().setStatus(saved.id(), Snapshot.MISSING)));
    Instant touched = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS);
    await(() -> a.tx().inTransaction(() -> a.snapshots().touch(saved.id(), touched)));
    Snapshot found = await(() -> a.snapshots().find("main", s.repo(), s.commit())).orElseThrow();
    assertThat(found.status()).isEqualTo(Snapshot.MISSING);
    assertThat(found.lastAccessedAt()).isEqualTo(touched);
    await(() -> a.tx().inTransaction(() -> a.snapshots().delete(saved.id())));
    assertThat(await(() -> a.snapshots().find(saved.id()))).isEmpty();
  }

  /** Two replicas registering the same snapshot at once: both succeed, one row, one id. */
  @StoreContract
  void theSameSnapshotUpsertedConcurrentlyEndsAsOneRow(StoreKind store) throws Throwable {
    String kind = store.name().toLowerCase(java.util.Locale.ROOT);
    Adapters a = adapters(kind);
    String repo = "org/race-" + UUID.randomUUID();
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(6);
    List<java.util.concurrent.Future<Snapshot>> writes = new java.util.ArrayList<>();
    try {
      java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
      for (int i = 0; i < 6; i++) {
        writes.add(
            pool.submit(
                () -> {
                  start.await();
                  try {
                    return await(
                        () ->
                            a.tx()
                                .inTransaction(() -> a.snapshots().upsert(snapshot(repo, false))));
                  } catch (Throwable t) {
                    throw new IllegalStateException(t);
                  }
                }));
      }
      start.countDown();
      Set<UUID> ids = new java.util.HashSet<>();
      for (java.util.concurrent.Future<Snapshot> w : writes) {
        ids.add(w.get(60, java.util.concurrent.TimeUnit.SECONDS).id());
      }
      assertThat(ids).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
    assertThat(await(() -> a.snapshots().find("main", repo, snapshot(repo, false).commit())))
        .isPresent();
  }

  @StoreContract
  void snapshotPagesFollowEachOtherWithoutGapsOrRepeatsAcrossEqualRepos(StoreKind store)
      throws Throwable {
    String kind = store.name().toLowerCase(java.util.Locale.ROOT);
    Adapters a = adapters(kind);
    String prefix = "org/keyset-" + UUID.randomUUID().toString().substring(0, 8);
    Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    List<Snapshot> made = new java.util.ArrayList<>();
    // Five snapshots of one repo, three installed at the same instant: only the id orders those.
    for (int i = 0; i < 5; i++) {
      made.add(saved(a, snapshot(prefix + "-a", "c" + i, at.plusSeconds(i / 3))));
    }
    made.add(saved(a, snapshot(prefix + "-b", "c0", at)));
    SnapshotQuery mine = new SnapshotQuery(null, null, null, prefix, null);
    List<UUID> inOneGo = ids(await(() -> a.snapshots().page(mine, 100)));
    assertThat(inOneGo).containsExactlyInAnyOrderElementsOf(ids(made));

    List<UUID> paged = new java.util.ArrayList<>();
    SnapshotQuery.After after = null;
    do {
      SnapshotQuery next = new SnapshotQuery(null, null, null, prefix, after);
      List<Snapshot> page = await(() -> a.snapshots().page(next, 2));
      assertThat(page.size()).isLessThanOrEqualTo(2);
      paged.addAll(ids(page));
      after = page.isEmpty() ? null : SnapshotQuery.After.of(page.get(page.size() - 1));
    } while (after != null);
    assertThat(paged).as("pages of 2 = one page of all").containsExactlyElementsOf(inOneGo);
    assertThat(inOneGo.get(inOneGo.size() - 1)).isEqualTo(made.get(5).id());
    deleteAll(a, made);
  }

  @StoreContract
  void snapshotPagesFilterByStatusPinnedLocationAndText(StoreKind store) throws Throwable {
    String kind = store.name().toLowerCase(java.util.Locale.ROOT);
    Adapters a = adapters(kind);
    String prefix = "org/filter-" + UUID.randomUUID().toString().substring(0, 8);
    Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Snapshot ready = saved(a, snapshot(prefix + "-ready", "c1", at));
    Snapshot orphan =
        saved(a, snapshot(prefix + "-orphan", "c1", at).withStatus(Snapshot.ORPHANED));
    Snapshot pinned = saved(a, snapshot(prefix + "-pinned", "c1", at).withPinned(true));
    Snapshot elsewhere = saved(a, snapshot(prefix + "-ready", "c2", at, "second", "main"));
    Snapshot tagged = saved(a, snapshot(prefix + "-tag", "c1", at, "main", "Release-V2"));

    assertThat(find(a, Set.of(Snapshot.ORPHANED), null, null, prefix)).containsExactly(orphan.id());
    assertThat(find(a, Set.of(Snapshot.READY, Snapshot.MISSING), null, null, prefix))
        .containsExactlyInAnyOrder(ready.id(), pinned.id(), elsewhere.id(), tagged.id());
    assertThat(find(a, Set.of(), null, null, prefix)).isEmpty();
    assertThat(find(a, null, true, null, prefix)).containsExactly(pinned.id());
    assertThat(find(a, null, false, null, prefix)).hasSize(4).doesNotContain(pinned.id());
    assertThat(find(a, null, null, "second", prefix)).containsExactly(elsewhere.id());
    assertThat(find(a, null, null, null, prefix.toUpperCase(java.util.Locale.ROOT) + "-READY"))
        .as("q ignores case")
        .containsExactlyInAnyOrder(ready.id(), elsewhere.id());
    assertThat(find(a, null, null, null, "release-v2"))
        .as("q searches revisions too")
        .contains(tagged.id());
    deleteAll(a, List.of(ready, orphan, pinned, elsewhere, tagged));
  }

  @StoreContract
  void snapshotTextWithLikeWildcardsMatchesLiterally(StoreKind store) throws Throwable {
    String kind = store.name().toLowerCase(java.util.Locale.ROOT);
    Adapters a = adapters(kind);
    String prefix = "org/wild-" + UUID.randomUUID().toString().substring(0, 8);
    Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Snapshot underscore = saved(a, snapshot(prefix + "-x_y", "c1", at));
    Snapshot letter = saved(a, snapshot(prefix + "-xzy", "c1", at));
    Snapshot percent = saved(a, snapshot(prefix + "-50%off", "c1", at));
    Snapshot digits = saved(a, snapshot(prefix + "-500off", "c1", at));
    Snapshot bang = saved(a, snapshot(prefix + "-a!b", "c1", at));

    assertThat(find(a, null, null, null, prefix + "-x_y")).containsExactly(underscore.id());
    assertThat(find(a, null, null, null, prefix + "-50%")).containsExactly(percent.id());
    assertThat(find(a, null, null, null, prefix + "-a!b")).containsExactly(bang.id());
    assertThat(find(a, null, null, null, prefix + "-%")).isEmpty();
    deleteAll(a, List.of(underscore, letter, percent, digits, bang));
  }
}
