package dev.modelmanager.weights.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.modelmanager.kit.events.Outbox;
import dev.modelmanager.kit.events.OutboxMessage;
import dev.modelmanager.kit.events.PostgresOutbox;
import dev.modelmanager.kit.events.SqliteOutbox;
import dev.modelmanager.kit.store.PostgresTransactor;
import dev.modelmanager.kit.store.SqliteTransactor;
import dev.modelmanager.kit.store.Transactor;
import dev.modelmanager.model.events.CloudEvent;
import dev.modelmanager.weights.domain.InstallJob;
import dev.modelmanager.weights.domain.InstallState;
import dev.modelmanager.weights.domain.JobQuery;
import dev.modelmanager.weights.domain.Snapshot;
import dev.modelmanager.weights.domain.SnapshotQuery;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One contract for the weights stores, run against real Postgres and a real SQLite file. */
@QuarkusTest
@TestProfile(ContractProfile.class)
class WeightsStoreContractTest {
  @Inject PostgresInstallJobStore pgJobs;
  @Inject SqliteInstallJobStore sqliteJobs;
  @Inject PostgresPartStore pgParts;
  @Inject SqlitePartStore sqliteParts;
  @Inject PostgresSnapshotStore pgSnapshots;
  @Inject SqliteSnapshotStore sqliteSnapshots;
  @Inject PostgresTransactor pgTx;
  @Inject SqliteTransactor sqliteTx;
  @Inject PostgresOutbox pgOutbox;
  @Inject PostgresBlobHoldStore pgHolds;
  @Inject SqliteBlobHoldStore sqliteHolds;
  @Inject SqliteOutbox sqliteOutbox;
  @Inject PostgresDeploymentUsageStore pgUsage;
  @Inject SqliteDeploymentUsageStore sqliteUsage;

  record Adapters(
      InstallJobStore jobs,
      PartStore parts,
      SnapshotStore snapshots,
      Transactor tx,
      Outbox outbox) {}

  Adapters adapters(String kind) {
    return kind.equals("postgres")
        ? new Adapters(pgJobs, pgParts, pgSnapshots, pgTx, pgOutbox)
        : new Adapters(sqliteJobs, sqliteParts, sqliteSnapshots, sqliteTx, sqliteOutbox);
  }

  /** Jobs other test classes left open would be claimed first: close them. */
  @BeforeEach
  void closeOpenJobs() {
    for (String kind : List.of("postgres", "sqlite")) {
      Adapters a = adapters(kind);
      for (InstallState state : InstallState.values()) {
        if (state.terminal()) {
          continue;
        }
        try {
          await(() -> a.jobs().list(new JobQuery(state, null, null, null), 1000))
              .forEach(j -> finish(a, j.id));
        } catch (Throwable t) {
          throw new IllegalStateException(t);
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"postgres", "sqlite"})
  void jobsRoundTripEveryField(String kind) throws Throwable {
    Adapters a = adapters(kind);
    InstallJob job = job("org/roundtrip-" + kind);
    await(() -> a.tx().inTransaction(() -> a.jobs().insert(job)));
    InstallJob claimed = claimOnly(a, job.id, "replica-1", Duration.ofSeconds(30));
    job.moveTo(InstallState.RESOLVING, Instant.now());
    job.bytesTotal = 42;
    job.bytesDone = 7;
    job.plan = "{\"files\": []}";
    assertThat(save(a, job, "replica-1", claimed.leaseEpoch)).isTrue();
    InstallJob found = await(() -> a.jobs().find(job.id)).orElseThrow();
    assertThat(found.state).isEqualTo(InstallState.RESOLVING);
    assertThat(found.include).containsExactly("*.json", "*.safetensors");
    assertThat(found.commit).isEqualTo(job.commit);
    assertThat(found.bytesDone).isEqualTo(7);
    assertThat(found.plan).isEqualTo(job.plan);
    assertThat(found.createdAt).isEqualTo(job.createdAt);
    assertThat(found.owner).isEqualTo("replica-1");
    assertThat(await(() -> a.jobs().findOpen("main", job.repo, job.commit))).isPresent();
    assertThat(await(() -> a.jobs().countByState()).get(InstallState.RESOLVING)).isPositive();
    finish(a, job.id);
  }

  @ParameterizedTest
  @ValueSource(strings = {"postgres", "sqlite"})
  void theOldestQueuedJobIsTheOneWaitingLongestForARunner(String kind) throws Throwable {
    Adapters a = adapters(kind);
    assertThat(await(() -> a.jobs().oldestQueuedSince())).isEmpty();
    InstallJob older = job("org/queue-a-" + kind);
    older.createdAt = older.createdAt.minusSeconds(600);
    older.updatedAt = older.createdAt;
    InstallJob newer = job("org/queue-b-" + kind);
    await(
        () ->
            a.tx().inTransaction(() -> a.jobs().insert(newer).chain(() -> a.jobs().insert(older))));
    assertThat(await(() -> a.jobs().oldestQueuedSince())).contains(older.updatedAt);

    // Claimed by a runner: no longer waiting in the queue.
    claimOnly(a, older.id, "replica-1", Duration.ofSeconds(30));
    assertThat(await(() -> a.jobs().oldestQueuedSince())).contains(newer.updatedAt);
    finish(a, older.id);
    finish(a, newer.id);
    assertThat(await(() -> a.jobs().oldestQueuedSince())).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"postgres", "sqlite"})
  void concurrentClaimsNeverTakeTheSameJob(String kind) throws Throwable {
    Adapters a = adapters(kind);
    InstallJob first = job("org/claim-a-" + kind);
    InstallJob second = job("org/claim-b-" + kind);
    await(
        () ->
            a.tx()
                .inTransaction(() -> a.jobs().insert(first).chain(() -> a.jobs().insert(second))));
    Duration lease = Duration.ofSeconds(30);
    CompletableFuture<Optional<InstallJob>> one =
        CompletableFuture.supplyAsync(() -> claim(a, "replica-1", lease));
    CompletableFuture<Optional<InstallJob>> two =
        CompletableFuture.supplyAsync(() -> claim(a, "replica-2", lease));
    InstallJob x = one.get().orElseThrow();
    InstallJob y = two.get().orElseThrow();
    assertThat(List.of(x.id, y.id)).containsExactlyInAnyOrder(first.id, second.id);
    assertThat(claim(a, "replica-3", lease)).isEmpty();

    assertThat(await(() -> a.jobs().heartbeat(x.id, "replica-1", x.leaseEpoch, lease)))
        .contains(false);
    assertThat(await(() -> a.jobs().heartbeat(x.id, "replica-2", x.leaseEpoch, lease))).isEmpty();
    await(() -> a.tx().inTransaction(() -> a.jobs().requestCancel(x.id)));
    assertThat(await(() -> a.jobs().heartbeat(x.id, "replica-1", x.leaseEpoch, lease)))
        .contains(true);
    finish(a, x.id);
    finish(a, y.id);
  }

  @ParameterizedTest
  @ValueSource(strings = {"postgres", "sqlite"})
  void aTakeOverAfterExpiryFencesTheStaleOwnerOff(String kind) throws Throwable {
    Adapters a = adapters(kind);
    InstallJob job = job("org/fence-" + kind);
    await(() -> a.tx().inTransaction(() -> a.jobs().insert(job)));
    InstallJob stale = claimOnly(a, job.id, "replica-1", Duration.ofMillis(300));
    job.moveTo(InstallState.RESOLVING, Instant.now());
    job.moveTo(InstallState.DOWNLOADING, Instant.now());
    job.bytesDone = 10;
    assertThat(save(a, job, "replica-1", stale.leaseEpoch)).isTrue();

    // The lease runs out on the database's clock; replica-2 takes the job over.
    InstallJob fresh =
        org.awaitility.Awaitility.await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> claim(a, "replica-2", Duration.ofSeconds(30)), Optional::isPresent)
            .orElseThrow();
    assertThat(fresh.id).isEqualTo(job.id);
    assertThat(fresh.leaseEpoch).isEqualTo(stale.leaseEpoch + 1);
    assertThat(fresh.crashes).isEqualTo(1);

    // The stale owner can neither move the job backwards, renew, nor release it.
    InstallJob backwards = await(() -> a.jobs().find(job.id)).orElseThrow();
    backwards.state = InstallState.RESOLVING;
    backwards.bytesDone = 0;
    assertThat(save(a, backwards, "replica-1", stale.leaseEpoch)).isFalse();
    assertThat(
            await(
                () ->
                    a.jobs().heartbeat(job.id, "replica-1", stale.leaseEpoch, Duration.ofDays(1))))
        .isEmpty();
    await(() -> a.jobs().release(job.id, "replica-1", stale.leaseEpoch));
    InstallJob now = await(() -> a.jobs().find(job.id)).orElseThrow();
    assertThat(now.state).isEqualTo(InstallState.DOWNLOADING);
    assertThat(now.bytesDone).isEqualTo(10);
    assertThat(now.owner).isEqualTo("replica-2");

    // A hand-over is not a crash.
    await(() -> a.jobs().release(job.id, "replica-2", fresh.leaseEpoch));
    InstallJob handedOver = claimOnly(a, job.id, "replica-3", Duration.ofSeconds(30));
    assertThat(handedOver.crashes).isEqualTo(1);
    finish(a, job.id);
  }

  @ParameterizedTest
  @ValueSource(strings = {"postgres", "sqlite"})
  void cancellingAQueuedJobCannotBeUndoneByAClaim(String kind) throws Throwable {
    Adapters a = adapters(kind);
    InstallJob job = job("org/cancel-" + kind);
    await(() -> a.tx().inTransaction(() -> a.jobs().insert(job)));
    InstallJob claimed = claimOnly(a, job.id, "replica-1", Duration.ofSeconds(30));

    assertThat(
            await(() -> a.tx().inTransaction(() -> a.jobs().cancelQueued(job.id, Instant.now()))))
        .isTrue();
    job.moveTo(InstallState.RESOLVING, Instant.now());
    assertThat(save(a, job, "replica-1", claimed.leaseEpoch)).isFalse();
    assertThat(await(() -> a.jobs().find(job.id)).orElseThrow().state)
        .isEqualTo(InstallState.CANCELLED);
    assertThat(
            await(() -> a.tx().inTransaction(() -> a.jobs().cancelQueued(job.id, Instant.now()))))
        .as("only a queued job")
        .isFalse();
    assertThat(await(() -> a.tx().inTransaction(() -> a.jobs().requeue(job.id, Instant.now()))))
        .isTrue();
    assertThat(await(() -> a.tx().inTransaction(() -> a.jobs().requeue(job.id, Instant.now()))))
        .as("only a failed or cancelled job")
        .isFalse();
    finish(a, job.id);
  }

  @ParameterizedTest
  @ValueSource(strings = {"postgres", "sqlite"})
  void onlyOneOpenJobPerLocationRepoAndCommit(String kind) throws Throwable {
    Adapters a = adapters(kind);
    InstallJob first = job("org/unique-" + kind);
    InstallJob sameCommit = job("org/unique-" + kind);
    sameCommit.revision = "v1";
    await(() -> a.tx().inTransaction(() -> a.jobs().insert(first)));
    assertThatThrownBy(() -> await(() -> a.tx().inTransaction(() -> a.jobs().insert(sameCommit))))
        .isNotNull();
    assertThat(await(() -> a.jobs().findOpen("main", first.repo, first.commit)))
        .map(j -> j.id)
        .contains(first.id);
    finish(a, first.id);
    await(() -> a.tx().inTransaction(() -> a.jobs().insert(sameCommit)));
    finish(a, sameCommit.id);
  }

  @ParameterizedTest
  @ValueSource(strings = {"postgres", "sqlite"})
  void jobListsPageNewestFirstByKeyset(String kind) throws Throwable {
    Adapters a = adapters(kind);
    String repo = "org/page-" + kind + "-" + UUID.randomUUID().toString().substring(0, 8);
    Instant base = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    List<InstallJob> made = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) {
      InstallJob j = job(repo);
      j.commit = Integer.toString(i).repeat(40);
      j.createdAt = base.plusSeconds(i);
      made.add(j);
      await(() -> a.tx().inTransaction(() -> a.jobs().insert(j)));
    }
    JobQuery byRepo = new JobQuery(null, repo, null, null);
    List<InstallJob> page1 = await(() -> a.jobs().list(byRepo, 2));
    assertThat(page1).extracting(j -> j.id).containsExactly(made.get(4).id, made.get(3).id);
    InstallJob last = page1.get(1);
    JobQuery next = new JobQuery(null, repo, null, new JobQuery.After(last.createdAt, last.id));
    List<InstallJob> page2 = await(() -> a.jobs().list(next, 10));
    assertThat(page2)
        .extracting(j -> j.id)
        .containsExactly(made.get(2).id, made.get(1).id, made.get(0).id);
    assertThat(await(() -> a.jobs().list(new JobQuery(InstallState.FAILED, repo, null, null), 10)))
        .isEmpty();
    for (InstallJob j : made) {
      finish(a, j.id);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"postgres", "sqlite"})
  void blobHoldsLastUntilTheirJobReleasesThem(String kind) throws Throwable {
    Adapters a = adapters(kind);
    BlobHoldStore holds = kind.equals("postgres") ? pgHolds : sqliteHolds;
    UUID one = UUID.randomUUID();
    UUID two = UUID.randomUUID();
    String repo = "org/hold-" + UUID.randomUUID();
    await(() -> a.tx().inTransaction(() -> holds.hold(one, "main", repo, List.of("x", "y"))));
    await(() -> a.tx().inTransaction(() -> holds.hold(one, "main", repo, List.of("x"))));
    await(() -> a.tx().inTransaction(() -> holds.hold(two, "main", repo, List.of("y", "z"))));
    await(() -> a.tx().inTransaction(() -> holds.hold(two, "second", repo, List.of("w"))));
    assertThat(await(() -> holds.held("main", repo))).containsExactlyInAnyOrder("x", "y", "z");
    await(() -> a.tx().inTransaction(() -> holds.release(one)));
    assertThat(await(() -> holds.held("main", repo))).containsExactlyInAnyOrder("y", "z");
    await(() -> a.tx().inTransaction(() -> holds.release(two)));
    assertThat(await(() -> holds.held("main", repo))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"postgres", "sqlite"})
  void aDeploymentServesOneSnapshotAndTheLatestEventWins(String kind) throws Throwable {
    Adapters a = adapters(kind);
    DeploymentUsageStore usage = kind.equals("postgres") ? pgUsage : sqliteUsage;
    String repo = "org/usage-" + UUID.randomUUID();
    String chat = "a-chat-" + UUID.randomUUID();
    String embed = "b-embed-" + UUID.randomUUID();
    String one = "1".repeat(40);
    String two = "2".repeat(40);
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    await(() -> a.tx().inTransaction(() -> usage.use(chat, "main", repo, one, t)));
    await(() -> a.tx().inTransaction(() -> usage.use(chat, "main", repo, one, t)));
    await(() -> a.tx().inTransaction(() -> usage.use(embed, "main", repo, one, t)));
    assertThat(await(() -> usage.usedBy("main", repo, one))).containsExactly(chat, embed);
    assertThat(await(() -> usage.usedBy("second", repo, one))).isEmpty();

    // chat moves to another commit; the late release of the old one changes nothing.
    await(() -> a.tx().inTransaction(() -> usage.use(chat, "main", repo, two, t.plusSeconds(2))));
    await(
        () -> a.tx().inTransaction(() -> usage.release(chat, "main", repo, one, t.plusSeconds(1))));
    assertThat(await(() -> usage.usedBy("main", repo, one))).containsExactly(embed);
    assertThat(await(() -> usage.usedBy("main", repo, two))).containsExactly(chat);

    // An event older than the recorded one never wins.
    await(() -> a.tx().inTransaction(() -> usage.use(chat, "main", repo, one, t.plusSeconds(1))));
    await(
        () -> a.tx().inTransaction(() -> usage.release(chat, "main", repo, two, t.plusSeconds(1))));
    assertThat(await(() -> usage.usedBy("main", repo, two))).containsExactly(chat);

    await(
        () -> a.tx().inTransaction(() -> usage.release(chat, "main", repo, two, t.plusSeconds(3))));
    await(
        () ->
            a.tx().inTransaction(() -> usage.release(embed, "main", repo, one, t.plusSeconds(3))));
    assertThat(await(() -> usage.usedBy("main", repo, one))).isEmpty();
    assertThat(await(() -> usage.usedBy("main", repo, two))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"postgres", "sqlite"})
  void partsAreRememberedPerBlobUntilCleared(String kind) throws Throwable {
    Adapters a = adapters(kind);
    String blob = (kind.equals("postgres") ? "b" : "c").repeat(64);
    await(() -> a.parts().markDone("main", blob, 3));
    await(() -> a.parts().markDone("main", blob, 3));
    await(() -> a.parts().markDone("main", blob, 0));
    await(() -> a.parts().markDone("second", blob, 1));
    assertThat(await(() -> a.parts().done("main", blob))).containsExactlyInAnyOrder(0, 3);
    await(() -> a.parts().clear("main", blob));
    assertThat(await(() -> a.parts().done("main", blob))).isEmpty();
    assertThat(await(() -> a.parts().done("second", blob))).containsExactly(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"postgres", "sqlite"})
  void snapshotsUpsertByLocationRepoAndCommitKeepingIdAndPin(String kind) throws Throwable {
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

  @ParameterizedTest
  @ValueSource(strings = {"postgres", "sqlite"})
  void snapshotPagesFollowEachOtherWithoutGapsOrRepeatsAcrossEqualRepos(String kind)
      throws Throwable {
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

  @ParameterizedTest
  @ValueSource(strings = {"postgres", "sqlite"})
  void snapshotPagesFilterByStatusPinnedLocationAndText(String kind) throws Throwable {
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

  @ParameterizedTest
  @ValueSource(strings = {"postgres", "sqlite"})
  void snapshotTextWithLikeWildcardsMatchesLiterally(String kind) throws Throwable {
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

  @ParameterizedTest
  @ValueSource(strings = {"postgres", "sqlite"})
  void aFailedTransactionKeepsNeitherTheJobNorItsEvent(String kind) throws Throwable {
    Adapters a = adapters(kind);
    InstallJob job = job("org/rollback-" + kind);
    CloudEvent event =
        CloudEvent.create(
            "/test",
            "dev.modelmanager.test",
            job.id.toString(),
            JsonNodeFactory.instance.objectNode());
    assertThatThrownBy(
            () ->
                await(
                    () ->
                        a.tx()
                            .inTransaction(
                                () ->
                                    a.jobs()
                                        .insert(job)
                                        .chain(
                                            () ->
                                                a.outbox()
                                                    .append(
                                                        new OutboxMessage(
                                                            "mm.weights",
                                                            "install",
                                                            job.id.toString(),
                                                            event)))
                                        .chain(
                                            () ->
                                                Uni.createFrom()
                                                    .failure(new IllegalStateException("boom"))))))
        .hasMessageContaining("boom");
    assertThat(await(() -> a.jobs().find(job.id))).isEmpty();
  }

  /** Ends a job whatever its state, as its owner or by cancel, so it leaves the open set. */
  private void finish(Adapters a, UUID id) {
    try {
      InstallJob j = await(() -> a.jobs().find(id)).orElseThrow();
      if (j.state == InstallState.QUEUED) {
        await(() -> a.tx().inTransaction(() -> a.jobs().cancelQueued(id, Instant.now())));
        return;
      }
      String owner = j.owner;
      j.moveTo(InstallState.FAILED, Instant.now());
      if (owner == null || !save(a, j, owner, j.leaseEpoch)) {
        // Left by a replica that released it: take it to close it.
        InstallJob mine = claimOnly(a, id, "closer", Duration.ofSeconds(30));
        j.moveTo(InstallState.FAILED, Instant.now());
        save(a, j, "closer", mine.leaseEpoch);
      }
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  private static boolean save(Adapters a, InstallJob job, String owner, long epoch)
      throws Throwable {
    return await(() -> a.tx().inTransaction(() -> a.jobs().updateOwned(job, owner, epoch)));
  }

  private static Optional<InstallJob> claim(Adapters a, String owner, Duration lease) {
    try {
      return await(() -> a.jobs().claim(owner, lease));
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  /** Claims until {@code id} is the claimed job (other open jobs may be older). */
  private static InstallJob claimOnly(Adapters a, UUID id, String owner, Duration lease) {
    InstallJob claimed = claim(a, owner, lease).orElseThrow();
    assertThat(claimed.id).as("the only claimable job").isEqualTo(id);
    return claimed;
  }

  private static InstallJob job(String repo) {
    InstallJob j =
        InstallJob.create(
            repo,
            "main",
            "main",
            List.of("*.json", "*.safetensors"),
            List.of(),
            false,
            true,
            Instant.now().truncatedTo(ChronoUnit.MILLIS));
    j.commit = "a".repeat(40);
    return j;
  }

  private static Snapshot snapshot(String repo, boolean pinned) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    return new Snapshot(
        UUID.randomUUID(),
        repo,
        "main",
        "e".repeat(40),
        "main",
        100,
        1,
        Snapshot.READY,
        true,
        pinned,
        now,
        now,
        Map.of("d".repeat(64), 100L));
  }

  private static Snapshot snapshot(String repo, String commit, Instant installedAt) {
    return snapshot(repo, commit, installedAt, "main", "main");
  }

  private static Snapshot snapshot(
      String repo, String commit, Instant installedAt, String location, String revision) {
    return new Snapshot(
        UUID.randomUUID(),
        repo,
        revision,
        commit,
        location,
        100,
        1,
        Snapshot.READY,
        true,
        false,
        installedAt,
        installedAt,
        Map.of());
  }

  private static Snapshot saved(Adapters a, Snapshot s) throws Throwable {
    return await(() -> a.tx().inTransaction(() -> a.snapshots().upsert(s)));
  }

  private static List<UUID> find(
      Adapters a, Set<String> statuses, Boolean pinned, String location, String text)
      throws Throwable {
    SnapshotQuery query = new SnapshotQuery(statuses, pinned, location, text, null);
    return ids(await(() -> a.snapshots().page(query, 100)));
  }

  private static List<UUID> ids(List<Snapshot> snapshots) {
    return snapshots.stream().map(Snapshot::id).toList();
  }

  private static void deleteAll(Adapters a, List<Snapshot> snapshots) throws Throwable {
    for (Snapshot s : snapshots) {
      await(() -> a.tx().inTransaction(() -> a.snapshots().delete(s.id())));
    }
  }

  private static <T> T await(Supplier<Uni<T>> work) throws Throwable {
    return VertxContextSupport.subscribeAndAwait(work);
  }
}
