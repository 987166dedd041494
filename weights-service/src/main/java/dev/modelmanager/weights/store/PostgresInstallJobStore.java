package dev.modelmanager.weights.store;

import static dev.modelmanager.weights.store.Times.instant;
import static dev.modelmanager.weights.store.Times.odt;

import dev.modelmanager.weights.domain.InstallJob;
import dev.modelmanager.weights.domain.InstallState;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Hibernate Reactive Panache adapter; the claim is a native {@code FOR UPDATE SKIP LOCKED}. */
@ApplicationScoped
@Typed(PostgresInstallJobStore.class)
@WithSession
public class PostgresInstallJobStore implements InstallJobStore {
  private static final String OPEN = "state not in ('SUCCEEDED', 'FAILED', 'CANCELLED')";

  @Override
  public Uni<Void> insert(InstallJob job) {
    InstallJobEntity e = new InstallJobEntity();
    e.id = job.id;
    copy(job, e);
    return e.persist().replaceWithVoid();
  }

  @Override
  public Uni<Void> update(InstallJob job) {
    return InstallJobEntity.<InstallJobEntity>findById(job.id)
        .invoke(
            e -> {
              if (e == null) {
                throw new IllegalStateException("no install job " + job.id);
              }
              copy(job, e);
            })
        .call(e -> Panache.getSession().chain(s -> s.flush()))
        .replaceWithVoid();
  }

  @Override
  public Uni<Optional<InstallJob>> find(UUID id) {
    return InstallJobEntity.<InstallJobEntity>findById(id)
        .map(e -> Optional.ofNullable(e).map(PostgresInstallJobStore::toJob));
  }

  @Override
  public Uni<List<InstallJob>> list(int limit) {
    return InstallJobEntity.<InstallJobEntity>findAll(Sort.descending("createdAt", "id"))
        .page(0, limit)
        .list()
        .map(l -> l.stream().map(PostgresInstallJobStore::toJob).toList());
  }

  @Override
  public Uni<Optional<InstallJob>> findOpen(String repo, String revision, String location) {
    return InstallJobEntity.<InstallJobEntity>find(
            "repo = ?1 and revision = ?2 and location = ?3 and " + OPEN, repo, revision, location)
        .firstResult()
        .map(e -> Optional.ofNullable(e).map(PostgresInstallJobStore::toJob));
  }

  @Override
  public Uni<Optional<InstallJob>> claim(String owner, Instant now, Instant leaseUntil) {
    String sql =
        "select * from {h-schema}install_job where "
            + OPEN
            + " and (owner is null or lease_until is null or lease_until < :now)"
            + " order by created_at limit 1 for update skip locked";
    return Panache.withTransaction(
        () ->
            Panache.getSession()
                .chain(
                    s ->
                        s.createNativeQuery(sql, InstallJobEntity.class)
                            .setParameter("now", odt(now))
                            .getResultList())
                .map(
                    rows -> {
                      if (rows.isEmpty()) {
                        return Optional.<InstallJob>empty();
                      }
                      InstallJobEntity e = rows.get(0);
                      e.owner = owner;
                      e.leaseUntil = odt(leaseUntil);
                      e.attempts++;
                      e.updatedAt = odt(now);
                      return Optional.of(toJob(e));
                    }));
  }

  @Override
  public Uni<Optional<Boolean>> heartbeat(UUID id, String owner, Instant leaseUntil) {
    return Panache.withTransaction(
        () ->
            InstallJobEntity.update(
                    "leaseUntil = ?1 where id = ?2 and owner = ?3", odt(leaseUntil), id, owner)
                .chain(
                    n ->
                        n == 0
                            ? Uni.createFrom().item(Optional.<Boolean>empty())
                            : InstallJobEntity.<InstallJobEntity>findById(id)
                                .map(e -> Optional.of(e.cancelRequested))));
  }

  @Override
  public Uni<Void> release(UUID id, String owner) {
    return Panache.withTransaction(
        () ->
            InstallJobEntity.update(
                    "owner = null, leaseUntil = null where id = ?1 and owner = ?2", id, owner)
                .replaceWithVoid());
  }

  @Override
  public Uni<Void> requestCancel(UUID id) {
    return InstallJobEntity.update("cancelRequested = true where id = ?1", id).replaceWithVoid();
  }

  private static void copy(InstallJob j, InstallJobEntity e) {
    e.repo = j.repo;
    e.revision = j.revision;
    e.commitSha = j.commit;
    e.location = j.location;
    e.includePatterns = Times.lines(j.include);
    e.excludePatterns = Times.lines(j.exclude);
    e.overwrite = j.overwrite;
    e.pin = j.pin;
    e.state = j.state.name();
    e.error = j.error;
    e.bytesTotal = j.bytesTotal;
    e.bytesDone = j.bytesDone;
    e.plan = j.plan;
    if (j.state == InstallState.QUEUED || e.id == null) {
      // Only a re-queue clears a cancel request; otherwise requestCancel() alone writes it.
      e.cancelRequested = j.cancelRequested;
    }
    e.owner = j.owner;
    e.leaseUntil = odt(j.leaseUntil);
    e.attempts = j.attempts;
    e.createdAt = odt(j.createdAt);
    e.updatedAt = odt(j.updatedAt);
    e.startedAt = odt(j.startedAt);
    e.finishedAt = odt(j.finishedAt);
  }

  static InstallJob toJob(InstallJobEntity e) {
    InstallJob j = new InstallJob();
    j.id = e.id;
    j.repo = e.repo;
    j.revision = e.revision;
    j.commit = e.commitSha;
    j.location = e.location;
    j.include = Times.unlines(e.includePatterns);
    j.exclude = Times.unlines(e.excludePatterns);
    j.overwrite = e.overwrite;
    j.pin = e.pin;
    j.state = InstallState.valueOf(e.state);
    j.error = e.error;
    j.bytesTotal = e.bytesTotal;
    j.bytesDone = e.bytesDone;
    j.plan = e.plan;
    j.cancelRequested = e.cancelRequested;
    j.owner = e.owner;
    j.leaseUntil = instant(e.leaseUntil);
    j.attempts = e.attempts;
    j.createdAt = instant(e.createdAt);
    j.updatedAt = instant(e.updatedAt);
    j.startedAt = instant(e.startedAt);
    j.finishedAt = instant(e.finishedAt);
    return j;
  }
}
