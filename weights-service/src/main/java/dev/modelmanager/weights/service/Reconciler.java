package dev.modelmanager.weights.service;

import dev.modelmanager.kit.store.Blocking;
import dev.modelmanager.kit.store.Transactor;
import dev.modelmanager.weights.domain.InstalledSnapshot;
import dev.modelmanager.weights.domain.Reconciliation;
import dev.modelmanager.weights.domain.Snapshot;
import dev.modelmanager.weights.hubcache.HubCacheLayout.RepoOnDisk;
import dev.modelmanager.weights.hubcache.HubCacheLayout.SnapshotOnDisk;
import dev.modelmanager.weights.hubcache.StorageLocations;
import dev.modelmanager.weights.hubcache.StorageLocations.StorageLocation;
import dev.modelmanager.weights.store.SnapshotStore;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Compares each location's disk with the inventory: snapshots on disk the database does not know
 * are adopted as ORPHANED, records whose files vanished become MISSING (and READY again when they
 * come back), blobs no snapshot links to are reported.
 */
@ApplicationScoped
public class Reconciler {
  private static final Logger LOG = Logger.getLogger(Reconciler.class);

  private final StorageLocations locations;
  private final SnapshotStore snapshots;
  private final Transactor tx;
  private final InventoryService inventory;

  Reconciler(
      StorageLocations locations,
      SnapshotStore snapshots,
      Transactor tx,
      InventoryService inventory) {
    this.locations = locations;
    this.snapshots = snapshots;
    this.tx = tx;
    this.inventory = inventory;
  }

  @Scheduled(
      every = "${mm.weights.reconcile.interval}",
      delayed = "30s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void scheduled() {
    try {
      Reconciliation r = reconcile();
      if (!r.adopted().isEmpty() || !r.missing().isEmpty() || !r.unreferencedBlobs().isEmpty()) {
        LOG.infof(
            "reconciled: %d adopted, %d missing, %d unreferenced blobs",
            r.adopted().size(), r.missing().size(), r.unreferencedBlobs().size());
      }
    } catch (RuntimeException e) {
      LOG.warnf("reconciliation failed: %s", e.toString());
    }
  }

  public synchronized Reconciliation reconcile() {
    List<Snapshot> known = inventory.all();
    List<InstalledSnapshot> adopted = new ArrayList<>();
    List<InstalledSnapshot> missing = new ArrayList<>();
    List<Reconciliation.UnreferencedBlob> unreferenced = new ArrayList<>();
    for (StorageLocation location : locations.all()) {
      List<RepoOnDisk> disk;
      try {
        disk = location.layout().scan();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Map<String, SnapshotOnDisk> onDisk = new HashMap<>();
      for (RepoOnDisk repo : disk) {
        Set<String> linked = new HashSet<>();
        for (SnapshotOnDisk s : repo.snapshots()) {
          onDisk.put(repo.repo() + "@" + s.commit(), s);
          s.files().values().stream().filter(Objects::nonNull).forEach(linked::add);
          boolean isKnown =
              known.stream()
                  .anyMatch(
                      k ->
                          k.location().equals(location.name())
                              && k.repo().equals(repo.repo().toString())
                              && k.commit().equals(s.commit()));
          if (!isKnown) {
            adopted.add(inventory.view(adopt(location, repo, s)));
          }
        }
        repo.blobs()
            .forEach(
                (blob, size) -> {
                  if (!linked.contains(blob)) {
                    unreferenced.add(
                        new Reconciliation.UnreferencedBlob(
                            location.name(), repo.repo().toString(), blob, size));
                  }
                });
      }
      for (Snapshot k : known) {
        if (!k.location().equals(location.name())) {
          continue;
        }
        SnapshotOnDisk d = onDisk.get(k.repo() + "@" + k.commit());
        boolean present = d != null && d.complete();
        if (!present && !Snapshot.MISSING.equals(k.status())) {
          Blocking.await(
              () -> tx.inTransaction(() -> snapshots.setStatus(k.id(), Snapshot.MISSING)));
          missing.add(inventory.view(k.withStatus(Snapshot.MISSING)));
        } else if (present && Snapshot.MISSING.equals(k.status())) {
          String back = k.verified() ? Snapshot.READY : Snapshot.ORPHANED;
          Blocking.await(() -> tx.inTransaction(() -> snapshots.setStatus(k.id(), back)));
        }
      }
    }
    return new Reconciliation(Instant.now(), adopted, missing, unreferenced);
  }

  private Snapshot adopt(StorageLocation location, RepoOnDisk repo, SnapshotOnDisk s) {
    Map<String, Long> blobs = new LinkedHashMap<>();
    s.files().values().stream()
        .filter(Objects::nonNull)
        .forEach(b -> blobs.put(b, repo.blobs().getOrDefault(b, 0L)));
    String revision = s.commit();
    try {
      for (Map.Entry<String, String> ref : location.layout().refs(repo.repo()).entrySet()) {
        if (ref.getValue().equals(s.commit())) {
          revision = ref.getKey();
        }
      }
    } catch (IOException e) {
      // No refs: the commit names the revision.
    }
    Instant installed;
    try {
      installed =
          Files.getLastModifiedTime(location.layout().snapshot(repo.repo(), s.commit()))
              .toInstant();
    } catch (IOException e) {
      installed = Instant.now();
    }
    Snapshot snapshot =
        new Snapshot(
            UUID.randomUUID(),
            repo.repo().toString(),
            revision,
            s.commit(),
            location.name(),
            blobs.values().stream().mapToLong(Long::longValue).sum(),
            s.files().size(),
            Snapshot.ORPHANED,
            false,
            false,
            installed,
            installed,
            blobs);
    return Blocking.await(() -> tx.inTransaction(() -> snapshots.upsert(snapshot)));
  }
}
