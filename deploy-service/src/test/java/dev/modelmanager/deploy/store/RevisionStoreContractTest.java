package dev.modelmanager.deploy.store;

import static dev.modelmanager.testkit.store.StoreContracts.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelmanager.deploy.domain.Revision;
import dev.modelmanager.deploy.domain.RevisionAction;
import dev.modelmanager.deploy.domain.RevisionState;
import dev.modelmanager.kit.store.PostgresTransactor;
import dev.modelmanager.kit.store.SqliteTransactor;
import dev.modelmanager.kit.store.Transactor;
import dev.modelmanager.testkit.store.StoreContract;
import dev.modelmanager.testkit.store.StoreContractProfile;
import dev.modelmanager.testkit.store.StoreKind;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** One behaviour contract, run against real Postgres and a real SQLite file. */
@QuarkusTest
@TestProfile(StoreContractProfile.class)
class RevisionStoreContractTest {
  @Inject PostgresRevisionStore postgresStore;
  @Inject SqliteRevisionStore sqliteStore;
  @Inject PostgresTransactor postgresTx;
  @Inject SqliteTransactor sqliteTx;

  record Adapters(RevisionStore store, Transactor tx) {}

  Adapters adapters(StoreKind kind) {
    return kind.pick(new Adapters(postgresStore, postgresTx), new Adapters(sqliteStore, sqliteTx));
  }

  static Revision revision(String deployment, int number, Instant at) {
    return Revision.pending(
            deployment,
            number,
            RevisionAction.ACTIVATE,
            "{\"kind\":\"InferenceService\"}",
            "[]",
            "",
            "alice",
            "why " + number,
            at)
        .withSource(
            "qwen-small",
            "c0ffee",
            "Qwen/Qwen2.5-0.5B",
            "abc123",
            "default",
            "Recreate",
            true,
            null,
            null);
  }

  @StoreContract
  void aRevisionReadsBackWithItsStateHistory(StoreKind kind) throws Throwable {
    Adapters a = adapters(kind);
    String name = "history-" + kind;
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    await(() -> a.tx().inTransaction(() -> a.store().insert(revision(name, 1, t0))));
    await(
        () ->
            a.tx()
                .inTransaction(
                    () ->
                        a.store()
                            .moveTo(
                                name, 1, RevisionState.APPLIED, "accepted", t0.plusSeconds(1))));
    await(
        () ->
            a.tx()
                .inTransaction(
                    () ->
                        a.store()
                            .moveTo(name, 1, RevisionState.READY, "ready", t0.plusSeconds(5))));

    Revision r = await(() -> a.store().find(name, 1)).orElseThrow();
    assertThat(r.state()).isEqualTo(RevisionState.READY);
    assertThat(r.stateReason()).isEqualTo("ready");
    assertThat(r.actor()).isEqualTo("alice");
    assertThat(r.autoRollback()).isTrue();
    assertThat(r.weightsLocation()).isEqualTo("default");
    assertThat(r.createdAt()).isEqualTo(t0);
    assertThat(r.states())
        .extracting(s -> s.state().name())
        .containsExactly("PENDING", "APPLIED", "READY");
    assertThat(r.reached(RevisionState.READY)).isEqualTo(t0.plusSeconds(5));
    assertThat(await(() -> a.store().find(name, 2))).isEmpty();
  }

  @StoreContract
  void aTakenNumberIsRefused(StoreKind kind) throws Throwable {
    Adapters a = adapters(kind);
    String name = "taken-" + kind;
    await(() -> a.tx().inTransaction(() -> a.store().insert(revision(name, 1, Instant.now()))));
    assertThatThrownBy(
            () ->
                await(
                    () ->
                        a.tx()
                            .inTransaction(
                                () -> a.store().insert(revision(name, 1, Instant.now())))))
        .isInstanceOf(RevisionStore.RevisionExists.class);
  }

  @StoreContract
  void pagesGoNewestFirstBelowTheCursorAndInFlightListsOnlyUnsettled(StoreKind kind)
      throws Throwable {
    Adapters a = adapters(kind);
    String name = "paged-" + kind;
    Instant t = Instant.now();
    for (int n = 1; n <= 3; n++) {
      int number = n;
      await(
          () ->
              a.tx()
                  .inTransaction(
                      () -> a.store().insert(revision(name, number, t.plusSeconds(number)))));
    }
    await(
        () -> a.tx().inTransaction(() -> a.store().moveTo(name, 1, RevisionState.FAILED, "no", t)));
    assertThat(await(() -> a.store().page(name, null, 2)))
        .extracting(Revision::number)
        .containsExactly(3, 2);
    assertThat(await(() -> a.store().page(name, 2, 5)))
        .extracting(Revision::number)
        .containsExactly(1);
    assertThat(await(() -> a.store().latest(name)).orElseThrow().number()).isEqualTo(3);
    assertThat(await(() -> a.store().inFlight()))
        .filteredOn(r -> r.deployment().equals(name))
        .extracting(Revision::number)
        .containsExactly(2, 3);
    assertThat(await(() -> a.store().deployments("paged-", 100))).contains(name);
    assertThat(await(() -> a.store().deployments(name, 100))).doesNotContain(name);
  }
}
