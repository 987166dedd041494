package dev.modelmanager.weights.store;

import static dev.modelmanager.testkit.store.StoreContracts.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelmanager.kit.store.PostgresTransactor;
import dev.modelmanager.kit.store.SqliteTransactor;
import dev.modelmanager.kit.store.Transactor;
import dev.modelmanager.testkit.store.StoreContract;
import dev.modelmanager.testkit.store.StoreKind;
import dev.modelmanager.weights.domain.InstallJob;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Disk reservations are shared through the database: installs admitted by different replicas (here
 * concurrent store users, each in its own transaction) never count on the same free bytes.
 */
@QuarkusTest
@TestProfile(WeightsContractProfile.class)
class DiskReservationStoreContractTest {
  private static final int RACERS = 8;

  @Inject PostgresDiskReservationStore pg;
  @Inject SqliteDiskReservationStore sqlite;
  @Inject PostgresInstallJobStore pgJobs;
  @Inject SqliteInstallJobStore sqliteJobs;
  @Inject PostgresTransactor pgTx;
  @Inject SqliteTransactor sqliteTx;

  @StoreContract
  void replicasRacingForOneLocationAreAdmittedOnlyAsFarAsItsSpaceGoes(StoreKind kind)
      throws Throwable {
    DiskReservationStore store = kind.pick(pg, sqlite);
    InstallJobStore jobs = kind.pick(pgJobs, sqliteJobs);
    Transactor tx = kind.pick(pgTx, sqliteTx);
    String location = "race-" + UUID.randomUUID();
    List<InstallJob> open = new ArrayList<>();
    for (int i = 0; i < RACERS; i++) {
      InstallJob job = job("org/reserve-" + UUID.randomUUID());
      await(() -> tx.inTransaction(() -> jobs.insert(job)));
      open.add(job);
    }

    // Each install needs 100 bytes; 350 are available: three fit, whoever runs them.
    ExecutorService replicas = Executors.newFixedThreadPool(RACERS);
    CountDownLatch go = new CountDownLatch(1);
    List<CompletableFuture<DiskReservationStore.Admission>> admissions = new ArrayList<>();
    for (InstallJob job : open) {
      admissions.add(
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  go.await();
                  return await(
                      () -> tx.inTransaction(() -> store.reserve(location, job.id, 100, 350)));
                } catch (Throwable t) {
                  throw new IllegalStateException(t);
                }
              },
              replicas));
    }
    go.countDown();
    List<UUID> admitted = new ArrayList<>();
    for (int i = 0; i < RACERS; i++) {
      if (admissions.get(i).get(30, TimeUnit.SECONDS).admitted()) {
        admitted.add(open.get(i).id);
      }
    }
    replicas.shutdown();
    assertThat(admitted).hasSize(3);
    assertThat(await(() -> store.reserved(location))).isEqualTo(300);
    assertThat(await(() -> store.reserved("elsewhere-" + location))).isZero();

    // Reserving again for an admitted job replaces its reservation, never adds to it.
    UUID first = admitted.get(0);
    var again = await(() -> tx.inTransaction(() -> store.reserve(location, first, 150, 350)));
    assertThat(again.admitted()).isTrue();
    assertThat(again.reservedByOthers()).isEqualTo(200);
    assertThat(await(() -> store.reserved(location))).isEqualTo(350);

    // A job that is no longer open does not hold space, even before its row is released.
    await(() -> tx.inTransaction(() -> jobs.cancelQueued(admitted.get(1), Instant.now())));
    assertThat(await(() -> store.reserved(location))).isEqualTo(250);
    await(() -> tx.inTransaction(() -> store.release(first)));
    assertThat(await(() -> store.reserved(location))).isEqualTo(100);

    UUID refused =
        open.stream().map(j -> j.id).filter(id -> !admitted.contains(id)).findFirst().orElseThrow();
    var late = await(() -> tx.inTransaction(() -> store.reserve(location, refused, 250, 350)));
    assertThat(late.admitted()).isTrue();
    var tooMuch =
        await(() -> tx.inTransaction(() -> store.reserve(location, UUID.randomUUID(), 1, 350)));
    assertThat(tooMuch.admitted()).isFalse();
    assertThat(tooMuch.reservedByOthers()).isEqualTo(350);

    for (InstallJob job : open) {
      await(() -> tx.inTransaction(() -> jobs.cancelQueued(job.id, Instant.now())));
    }
    assertThat(await(() -> store.reserved(location))).isZero();
  }

  private static InstallJob job(String repo) {
    InstallJob j =
        InstallJob.create(
            repo,
            "main",
            "main",
            List.of("*.json"),
            List.of(),
            false,
            false,
            Instant.now().truncatedTo(ChronoUnit.MILLIS));
    j.commit = "c".repeat(40);
    return j;
  }
}
