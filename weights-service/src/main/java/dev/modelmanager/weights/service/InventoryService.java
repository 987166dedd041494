package dev.modelmanager.weights.service;

import dev.modelmanager.kit.store.Blocking;
import dev.modelmanager.kit.store.Transactor;
import dev.modelmanager.kit.web.ProblemException;
import dev.modelmanager.model.events.EventTypes;
import dev.modelmanager.model.hf.RepoId;
import dev.modelmanager.weights.domain.InstalledSnapshot;
import dev.modelmanager.weights.domain.PurgeOrder;
import dev.modelmanager.weights.domain.PurgeOutcome;
import dev.modelmanager.weights.domain.PurgePolicy;
import dev.modelmanager.weights.domain.Snapshot;
import dev.modelmanager.weights.domain.SnapshotQuery;
import dev.modelmanager.weights.events.WeightsEvents;
import dev.modelmanager.weights.hubcache.HubCacheLayout;
import dev.modelmanager.weights.hubcache.StorageLocations;
import dev.modelmanager.weights.hubcache.StorageLocations.StorageLocation;
import dev.modelmanager.weights.store.BlobHoldStore;
import dev.modelmanager.weights.store.SnapshotStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The inventory of installed snapshots: list, pin, delete, purge. Blocking (disk work); call from
 * worker threads.
 */
@ApplicationScoped
public class InventoryService {
  private static final Logger LOG = Logger.getLogger(InventoryService.class);

  private final SnapshotStore snapshots;
  private final BlobHoldStore holds;
  private final StorageLocations locations;
  private final Transactor tx;
  private final WeightsEvents events;
  private final DeploymentUsage usage;

  InventoryService(
      SnapshotStore snapshots,
      BlobHoldStore holds,
      StorageLocations locations,
      Transactor tx,
      WeightsEvents events,
      DeploymentUsage usage) {
    this.snapshots = snapshots;
    this.holds = holds;
    this.locations = locations;
    this.tx = tx;
    this.events = events;
    this.usage = usage;
  }

  /**
   * At most {@code limit} snapshots matching {@code query}, in keyset order; the caller asks for
   * one more than it shows to learn whether a next page exists. An unknown location is a 404.
   */
  public List<InstalledSnapshot> list(SnapshotQuery query, int limit) {
    if (query.location() != null) {
      locations.get(query.location());
    }
    return Blocking.await(() -> snapshots.page(query, limit)).stream().map(this::view).toList();
  }

  public InstalledSnapshot get(UUID id) {
    return view(find(id));
  }

  public InstalledSnapshot pin(UUID id, boolean pinned) {
    Snapshot s = find(id);
    Blocking.await(() -> tx.inTransaction(() -> snapshots.setPinned(id, pinned)));
    return view(s.withPinned(pinned));
  }

  /** Deletes an unpinned, unused snapshot and the blobs no other snapshot of its repo uses. */
  public InstalledSnapshot delete(UUID id) {
    Snapshot s = find(id);
    if (s.pinned()) {
      throw ProblemException.conflict("Snapshot " + id + " is pinned; unpin it first");
    }
    List<String> users = usage.usedBy(s);
    if (!users.isEmpty()) {
      throw ProblemException.conflict(
          "Snapshot " + id + " is in use by deployment(s) " + String.join(", ", users));
    }
    Set<String> kept = new HashSet<>();
    all().stream()
        .filter(
            o ->
                !o.id().equals(id)
                    && o.location().equals(s.location())
                    && o.repo().equals(s.repo()))
        .forEach(o -> kept.addAll(o.blobs().keySet()));
    Set<String> freed = new HashSet<>(s.blobs().keySet());
    freed.removeAll(kept);
    freed.removeAll(held(s));
    remove(s, freed);
    return view(s);
  }

  /** The purge plan, executed unless {@code dryRun}. */
  public PurgeOutcome purge(PurgeOrder req) {
    PurgePolicy.Kind kind = req.kind();
    StorageLocation location =
        req.location() == null ? locations.first() : locations.get(req.location());
    boolean dryRun = req.dryRun();
    List<Snapshot> inLocation =
        all().stream()
            .filter(s -> s.location().equals(location.name()))
            .filter(s -> !Snapshot.MISSING.equals(s.status()))
            .toList();
    List<PurgePolicy.Candidate> candidates =
        inLocation.stream()
            .map(
                s ->
                    new PurgePolicy.Candidate(
                        s.id().toString(),
                        s.lastAccessedAt(),
                        s.pinned(),
                        usage.inUse(s),
                        scoped(s)))
            .toList();
    long free = locations.usage(location).freeBytes();
    PurgePolicy.Decision d =
        PurgePolicy.decide(
            kind, candidates, req.maxAgeDays(), req.targetFreeBytes(), free, Instant.now());
    List<Snapshot> chosen =
        inLocation.stream().filter(s -> d.snapshotIds().contains(s.id().toString())).toList();
    if (!dryRun) {
      for (Snapshot s : chosen) {
        Snapshot current = find(s.id());
        if (current.pinned() || usage.inUse(current)) {
          continue;
        }
        Set<String> freed = new HashSet<>();
        Set<String> held = held(s);
        s.blobs()
            .keySet()
            .forEach(
                b -> {
                  if (d.blobsFreed().contains(s.repo() + "/" + b) && !held.contains(b)) {
                    freed.add(b);
                  }
                });
        remove(s, freed);
      }
    }
    return new PurgeOutcome(
        kind,
        location.name(),
        dryRun,
        free,
        d.bytesFreed(),
        d.blobsFreed().size(),
        chosen.stream().map(this::view).toList());
  }

  /** Blob names scoped by repo: the same hash in two repo folders is two files. */
  private static Map<String, Long> scoped(Snapshot s) {
    Map<String, Long> out = new java.util.LinkedHashMap<>();
    s.blobs().forEach((b, size) -> out.put(s.repo() + "/" + b, size));
    return out;
  }

  private void remove(Snapshot s, Set<String> blobs) {
    Blocking.await(
        () ->
            tx.inTransaction(
                () ->
                    snapshots
                        .delete(s.id())
                        .chain(
                            () ->
                                events.emit(
                                    EventTypes.WEIGHTS_SNAPSHOT_DELETED,
                                    "snapshot",
                                    s.id().toString(),
                                    Map.of(
                                        "id",
                                        s.id().toString(),
                                        "repo",
                                        s.repo(),
                                        "commit",
                                        s.commit(),
                                        "location",
                                        s.location(),
                                        "blobsDeleted",
                                        blobs.size())))));
    HubCacheLayout layout = locations.get(s.location()).layout();
    RepoId repo = RepoId.parse(s.repo());
    try {
      layout.deleteSnapshot(repo, s.commit());
      for (String b : blobs) {
        layout.deleteBlob(repo, b);
      }
      layout.deleteRepoIfEmpty(repo);
    } catch (IOException e) {
      // The record is gone; the reconciler reports what stayed on disk.
      LOG.warnf("deleting %s@%s from disk: %s", s.repo(), s.commit(), e);
      throw new UncheckedIOException(e);
    }
  }

  /** Blobs of the snapshot's repo that a running install counts on: never deleted under it. */
  private Set<String> held(Snapshot s) {
    return Blocking.await(() -> holds.held(s.location(), s.repo()));
  }

  List<Snapshot> all() {
    return Blocking.await(snapshots::all);
  }

  private Snapshot find(UUID id) {
    return Blocking.await(() -> snapshots.find(id))
        .orElseThrow(() -> ProblemException.notFound("No snapshot " + id));
  }

  InstalledSnapshot view(Snapshot s) {
    String path;
    try {
      path =
          locations
              .get(s.location())
              .layout()
              .snapshot(RepoId.parse(s.repo()), s.commit())
              .toString();
    } catch (RuntimeException e) {
      path = null;
    }
    return new InstalledSnapshot(s, path, usage.usedBy(s));
  }

  static List<String> ids(List<Snapshot> l) {
    List<String> out = new ArrayList<>();
    l.forEach(s -> out.add(s.id().toString()));
    return out;
  }
}
