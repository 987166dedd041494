package dev.modelmanager.weights.store;

import static dev.modelmanager.testkit.store.StoreContracts.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.modelmanager.kit.events.OutboxMessage;
import dev.modelmanager.model.events.CloudEvent;
import dev.modelmanager.testkit.store.StoreContract;
import dev.modelmanager.testkit.store.StoreKind;
import dev.modelmanager.weights.domain.InstallJob;
import dev.modelmanager.weights.domain.InstallState;
import dev.modelmanager.weights.domain.JobQuery;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Install jobs: claims, fencing, cancel, one open job per blob set, keyset paging, and a job that
 * commits with its event or not at all. Both adapters, one contract ({@link WeightsStoreContract}).
 */
@QuarkusTest
@TestProfile(WeightsContractProfile.class)
class InstallJobStoreContractTest extends WeightsStoreContract {
  @StoreContract
  void jobsRoundTripEveryField(StoreKind store) throws Throwable {
    String kind = store.name().toLowerCase(java.util.Locale.ROOT);
    Adapters a = adapters(kind);
    InstallJob job = job("org/roundtrip-" + kind);
    job.requestedBy = "oidc|ada-" + kind;
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
    assertThat(found.requestedBy).isEqualTo("oidc|ada-" + kind);
    assertThat(await(() -> a.jobs().findOpen("main", job.repo, job.commit))).isPresent();
    assertThat(await(() -> a.jobs().countByState()).get(InstallState.RESOLVING)).isPositive();
    finish(a, job.id);
  }

  @StoreContract
  void theOldestQueuedJobIsTheOneWaitingLongestForARunner(StoreKind store) throws Throwable {
    String kind = store.name().toLowerCase(java.util.Locale.ROOT);
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

  @StoreContract
  void concurrentClaimsNeverTakeTheSameJob(StoreKind store) throws Throwable {
    String kind = store.name().toLowerCase(java.util.Locale.ROOT);
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

  @StoreContract
  void aTakeOverAfterExpiryFencesTheStaleOwnerOff(StoreKind store) throws Throwable {
    String kind = store.name().toLowerCase(java.util.Locale.ROOT);
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

  @StoreContract
  void cancellingAQueuedJobCannotBeUndoneByAClaim(StoreKind store) throws Throwable {
    String kind = store.name().toLowerCase(java.util.Locale.ROOT);
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

  @StoreContract
  void onlyOneOpenJobPerLocationRepoAndCommit(StoreKind store) throws Throwable {
    String kind = store.name().toLowerCase(java.util.Locale.ROOT);
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

  @StoreContract
  void jobListsPageNewestFirstByKeyset(StoreKind store) throws Throwable {
    String kind = store.name().toLowerCase(java.util.Locale.ROOT);
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

  @StoreContract
  void jobListsFilterByTextInRepoOrRevisionAnyCaseAndLiterally(StoreKind store) throws Throwable {
    String kind = store.name().toLowerCase(java.util.Locale.ROOT);
    Adapters a = adapters(kind);
    String tag = kind + UUID.randomUUID().toString().substring(0, 8);
    InstallJob llama = job("Org/Tiny-LLAMA-" + tag);
    InstallJob qwen = job("org/qwen-" + tag);
    qwen.revision = "llama-branch-" + tag;
    InstallJob other = job("org/other_" + tag);
    for (InstallJob j : List.of(llama, qwen, other)) {
      await(() -> a.tx().inTransaction(() -> a.jobs().insert(j)));
    }
    // Repo or revision, any case.
    assertThat(await(() -> a.jobs().list(new JobQuery(null, null, null, null, "LLAMA-" + tag), 10)))
        .extracting(j -> j.id)
        .containsExactlyInAnyOrder(llama.id);
    assertThat(await(() -> a.jobs().list(new JobQuery(null, null, null, null, "llama"), 500)))
        .extracting(j -> j.id)
        .contains(llama.id, qwen.id)
        .doesNotContain(other.id);
    // '_' and '%' are characters, not wildcards.
    assertThat(await(() -> a.jobs().list(new JobQuery(null, null, null, null, "other_" + tag), 10)))
        .extracting(j -> j.id)
        .containsExactly(other.id);
    assertThat(await(() -> a.jobs().list(new JobQuery(null, null, null, null, "r%" + tag), 10)))
        .isEmpty();
    for (InstallJob j : List.of(llama, qwen, other)) {
      finish(a, j.id);
    }
  }

  @StoreContract
  void aFailedTransactionKeepsNeitherTheJobNorItsEvent(StoreKind store) throws Throwable {
    String kind = store.name().toLowerCase(java.util.Locale.ROOT);
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
}
