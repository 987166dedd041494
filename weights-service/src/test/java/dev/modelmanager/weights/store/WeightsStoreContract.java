package dev.modelmanager.weights.store;

import static dev.modelmanager.testkit.store.StoreContracts.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelmanager.kit.events.Outbox;
import dev.modelmanager.kit.events.PostgresOutbox;
import dev.modelmanager.kit.events.SqliteOutbox;
import dev.modelmanager.kit.store.PostgresTransactor;
import dev.modelmanager.kit.store.SqliteTransactor;
import dev.modelmanager.kit.store.Transactor;
import dev.modelmanager.weights.domain.InstallJob;
import dev.modelmanager.weights.domain.InstallState;
import dev.modelmanager.weights.domain.JobQuery;
import dev.modelmanager.weights.domain.Snapshot;
import dev.modelmanager.weights.domain.SnapshotQuery;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the weights store contract tests share: both adapters of every store, the helpers, and the
 * closing of jobs other test classes left open (they would be claimed first). Each contract class
 * runs in the shared store-contract app ({@link WeightsContractProfile}).
 */
abstract class WeightsStoreContract {
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

  /** Ends a job whatever its state, as its owner or by cancel, so it leaves the open set. */
  void finish(Adapters a, UUID id) {
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

  static boolean save(Adapters a, InstallJob job, String owner, long epoch) throws Throwable {
    return await(() -> a.tx().inTransaction(() -> a.jobs().updateOwned(job, owner, epoch)));
  }

  static Optional<InstallJob> claim(Adapters a, String owner, Duration lease) {
    try {
      return await(() -> a.jobs().claim(owner, lease));
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  /** Claims until {@code id} is the claimed job (other open jobs may be older). */
  static InstallJob claimOnly(Adapters a, UUID id, String owner, Duration lease) {
    InstallJob claimed = claim(a, owner, lease).orElseThrow();
    assertThat(claimed.id).as("the only claimable job").isEqualTo(id);
    return claimed;
  }

  static InstallJob job(String repo) {
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

  static Snapshot snapshot(String repo, boolean pinned) {
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

  static Snapshot snapshot(String repo, String commit, Instant installedAt) {
    return snapshot(repo, commit, installedAt, "main", "main");
  }

  static Snapshot snapshot(
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

  static Snapshot saved(Adapters a, Snapshot s) throws Throwable {
    return await(() -> a.tx().inTransaction(() -> a.snapshots().upsert(s)));
  }

  static List<UUID> find(
      Adapters a, Set<String> statuses, Boolean pinned, String location, String text)
      throws Throwable {
    SnapshotQuery query = new SnapshotQuery(statuses, pinned, location, text, null);
    return ids(await(() -> a.snapshots().page(query, 100)));
  }

  static List<UUID> ids(List<Snapshot> snapshots) {
    return snapshots.stream().map(Snapshot::id).toList();
  }

  static void deleteAll(Adapters a, List<Snapshot> snapshots) throws Throwable {
    for (Snapshot s : snapshots) {
      await(() -> a.tx().inTransaction(() -> a.snapshots().delete(s.id())));
    }
  }
}
