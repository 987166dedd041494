package dev.modelmanager.weights.store;

import static dev.modelmanager.weights.store.Times.instant;
import static dev.modelmanager.weights.store.Times.odt;

import dev.modelmanager.weights.domain.Snapshot;
import dev.modelmanager.weights.domain.SnapshotQuery;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
@Typed(PostgresSnapshotStore.class)
@WithSession
public class PostgresSnapshotStore implements SnapshotStore {

  /**
   * One atomic statement: two replicas may finish or register the same snapshot at once (a job and
   * a reconcile of the shared folder), and a read then insert would fail one of them on the unique
   * (location, repo, commit). A pin is never lost to the other writer.
   */
  @Override
  public Uni<Snapshot> upsert(Snapshot s) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "insert into {h-schema}snapshot (id, repo, revision, commit_sha, location,"
                            + " size_bytes, files, status, verified, pinned, installed_at,"
                            + " last_accessed_at, blobs) values (:id, :repo, :revision, :commit,"
                            + " :location, :size, :files, :status, :verified, :pinned, :installed,"
                            + " :accessed, :blobs)"
                            + " on conflict (location, repo, commit_sha) do update set"
                            + " revision = excluded.revision, size_bytes = excluded.size_bytes,"
                            + " files = excluded.files, status = excluded.status,"
                            + " verified = excluded.verified,"
                            + " pinned = snapshot.pinned or excluded.pinned,"
                            + " installed_at = excluded.installed_at,"
                            + " last_accessed_at = excluded.last_accessed_at,"
                            + " blobs = excluded.blobs")
                    .setParameter("id", s.id())
                    .setParameter("repo", s.repo())
                    .setParameter("revision", s.revision())
                    .setParameter("commit", s.commit())
                    .setParameter("location", s.location())
                    .setParameter("size", s.sizeBytes())
                    .setParameter("files", s.files())
                    .setParameter("status", s.status())
                    .setParameter("verified", s.verified())
                    .setParameter("pinned", s.pinned())
                    .setParameter("installed", odt(s.installedAt()))
                    .setParameter("accessed", odt(s.lastAccessedAt()))
                    .setParameter("blobs", Snapshot.encodeBlobs(s.blobs()))
                    .executeUpdate()
                    .chain(
                        () ->
                            SnapshotEntity.<SnapshotEntity>find(
                                    "location = ?1 and repo = ?2 and commitSha = ?3",
                                    s.location(),
                                    s.repo(),
                                    s.commit())
                                .<SnapshotEntity>firstResult())
                    // The session may hold this row from an earlier read: take the database's.
                    .call(session::refresh)
                    .map(PostgresSnapshotStore::toSnapshot));
  }

  @Override
  public Uni<Optional<Snapshot>> find(UUID id) {
    return SnapshotEntity.<SnapshotEntity>findById(id)
        .map(e -> Optional.ofNullable(e).map(PostgresSnapshotStore::toSnapshot));
  }

  @Override
  public Uni<Optional<Snapshot>> find(String location, String repo, String commit) {
    return SnapshotEntity.<SnapshotEntity>find(
            "location = ?1 and repo = ?2 and commitSha = ?3", location, repo, commit)
        .firstResult()
        .map(e -> Optional.ofNullable(e).map(PostgresSnapshotStore::toSnapshot));
  }

  @Override
  public Uni<List<Snapshot>> all() {
    return SnapshotEntity.<SnapshotEntity>listAll(Sort.by("repo").and("installedAt").and("id"))
        .map(l -> l.stream().map(PostgresSnapshotStore::toSnapshot).toList());
  }

  @Override
  public Uni<List<Snapshot>> page(SnapshotQuery query, int limit) {
    if (query.matchesNothing()) {
      return Uni.createFrom().item(List.of());
    }
    StringBuilder where = new StringBuilder("1 = 1");
    Parameters p = new Parameters();
    if (query.statuses() != null) {
      where.append(" and status in :statuses");
      p = p.and("statuses", query.statuses());
    }
    if (query.pinned() != null) {
      where.append(" and pinned = :pinned");
      p = p.and("pinned", query.pinned());
    }
    if (query.location() != null) {
      where.append(" and location = :location");
      p = p.and("location", query.location());
    }
    if (query.likePattern() != null) {
      where.append(
          " and (lower(repo) like :like escape '!' or lower(revision) like :like escape '!')");
      p = p.and("like", query.likePattern());
    }
    if (query.after() != null) {
      SnapshotQuery.After after = query.after();
      where.append(
          " and (repo > :repo or (repo = :repo and (installedAt > :at"
              + " or (installedAt = :at and id > :id))))");
      p = p.and("repo", after.repo()).and("at", odt(after.installedAt())).and("id", after.id());
    }
    return SnapshotEntity.<SnapshotEntity>find(
            where.toString(), Sort.by("repo").and("installedAt").and("id"), p)
        .page(0, limit)
        .list()
        .map(l -> l.stream().map(PostgresSnapshotStore::toSnapshot).toList());
  }

  @Override
  public Uni<Void> setPinned(UUID id, boolean pinned) {
    return SnapshotEntity.update("pinned = ?1 where id = ?2", pinned, id).replaceWithVoid();
  }

  @Override
  public Uni<Void> setStatus(UUID id, String status) {
    return SnapshotEntity.update("status = ?1 where id = ?2", status, id).replaceWithVoid();
  }

  @Override
  public Uni<Void> touch(UUID id, Instant accessedAt) {
    return SnapshotEntity.update("lastAccessedAt = ?1 where id = ?2", odt(accessedAt), id)
        .replaceWithVoid();
  }

  @Override
  public Uni<Void> delete(UUID id) {
    return SnapshotEntity.deleteById(id).replaceWithVoid();
  }

  static Snapshot toSnapshot(SnapshotEntity e) {
    return new Snapshot(
        e.id,
        e.repo,
        e.revision,
        e.commitSha,
        e.location,
        e.sizeBytes,
        e.files,
        e.status,
        e.verified,
        e.pinned,
        instant(e.installedAt),
        instant(e.lastAccessedAt),
        Snapshot.decodeBlobs(e.blobs));
  }
}
