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
import dev.modelmanager.weights.domain.Snapshot;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
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
  @Inject SqliteOutbox sqliteOutbox;

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

  @ParameterizedTest
  @ValueSource(strings = {"postgres", "sqlite"})
  void jobsRoundTripEveryField(String kind) throws Throwable {
    Adapters a = adapters(kind);
    InstallJob job = job("org/roundtrip-" + kind);
    await(() -> a.tx().inTransaction(() -> a.jobs().insert(job)));
    job.commit = "a".repeat(40);
    job.moveTo(InstallState.RESOLVING, Instant.now());
    job.bytesTotal = 42;
    job.bytesDone = 7;
    job.plan = "{\"files\": []}";
    await(() -> a.tx().inTransaction(() -> a.jobs().update(job)));
    InstallJob found = await(() -> a.jobs().find(job.id)).orElseThrow();
    assertThat(found.state).isEqualTo(InstallState.RESOLVING);
    assertThat(found.include).containsExactly("*.json", "*.safetensors");
    assertThat(found.commit).isEqualTo(job.commit);
    assertThat(found.bytesDone).isEqualTo(7);
    assertThat(found.plan).isEqualTo(job.plan);
    assertThat(found.createdAt).isEqualTo(job.createdAt);
    assertThat(await(() -> a.jobs().findOpen(job.repo, "main", "main"))).isPresent();
    assertThat(await(() -> a.jobs().list(1000))).extracting(j -> j.id).contains(job.id);
    finish(a, job.id);
  }

  @ParameterizedTest
  @ValueSource(strings = {"postgres", "sqlite"})
  void concurrentClaimsNeverTakeTheSameJobAndLeasesExpire(String kind) throws Throwable {
    Adapters a = adapters(kind);
    InstallJob first = job("org/claim-a-" + kind);
    InstallJob second = job("org/claim-b-" + kind);
    await(
        () ->
            a.tx()
                .inTransaction(() -> a.jobs().insert(first).chain(() -> a.jobs().insert(second))));
    Instant now = Instant.now();
    Instant lease = now.plusSeconds(30);
    CompletableFuture<Optional<InstallJob>> one =
        CompletableFuture.supplyAsync(() -> claim(a, "replica-1", now, lease));
    CompletableFuture<Optional<InstallJob>> two =
        CompletableFuture.supplyAsync(() -> claim(a, "replica-2", now, lease));
    UUID x = one.get().orElseThrow().id;
    UUID y = two.get().orElseThrow().id;
    assertThat(List.of(x, y)).containsExactlyInAnyOrder(first.id, second.id);
    assertThat(claim(a, "replica-3", now, lease)).isEmpty();

    assertThat(await(() -> a.jobs().heartbeat(x, "replica-1", lease.plusSeconds(1))))
        .contains(false);
    assertThat(await(() -> a.jobs().heartbeat(x, "replica-2", lease))).isEmpty();
    await(() -> a.tx().inTransaction(() -> a.jobs().requestCancel(x)));
    assertThat(await(() -> a.jobs().heartbeat(x, "replica-1", lease.plusSeconds(1))))
        .contains(true);

    Optional<InstallJob> takenOver =
        claim(a, "replica-3", lease.plusSeconds(60), lease.plusSeconds(90));
    assertThat(takenOver).isPresent();
    assertThat(takenOver.get().owner).isEqualTo("replica-3");
    assertThat(takenOver.get().attempts).isEqualTo(2);
    await(() -> a.jobs().release(takenOver.get().id, "replica-1"));
    assertThat(claim(a, "replica-4", now, lease)).as("only the owner releases").isEmpty();
    await(() -> a.jobs().release(takenOver.get().id, "replica-3"));
    assertThat(claim(a, "replica-4", now, lease)).map(j -> j.id).contains(takenOver.get().id);
    finish(a, x);
    finish(a, y);
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

  private void finish(Adapters a, UUID id) {
    try {
      InstallJob j = await(() -> a.jobs().find(id)).orElseThrow();
      j.moveTo(InstallState.FAILED, Instant.now());
      await(() -> a.tx().inTransaction(() -> a.jobs().update(j)));
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  private static Optional<InstallJob> claim(Adapters a, String owner, Instant now, Instant lease) {
    try {
      return await(() -> a.jobs().claim(owner, now, lease));
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  private static InstallJob job(String repo) {
    return InstallJob.create(
        repo,
        "main",
        "main",
        List.of("*.json", "*.safetensors"),
        List.of(),
        false,
        true,
        Instant.now().truncatedTo(ChronoUnit.MILLIS));
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

  private static <T> T await(Supplier<Uni<T>> work) throws Throwable {
    return VertxContextSupport.subscribeAndAwait(work);
  }
}
