package dev.modelmanager.weights.store;

import static dev.modelmanager.weights.store.Times.instant;
import static dev.modelmanager.weights.store.Times.odt;

import dev.modelmanager.weights.domain.InstallJob;
import dev.modelmanager.weights.domain.InstallState;
import dev.modelmanager.weights.domain.JobQuery;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.persistence.LockModeType;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Hibernate Reactive Panache adapter; the claim is a native {@code FOR UPDATE SKIP LOCKED}, leases
 * run on the database clock ({@code now()}).
 */
@ApplicationScoped
@Typed(PostgresInstallJobStore.class)
@WithSession
public class PostgresInstallJobStore implements InstallJobStore {
  private static final String OPEN = "state not in ('SUCCEEDED', 'FAILED', 'CANCELLED')";

  @Override
  public Uni<Void> insert(InstallJob job) {
    InstallJobEntity e = new InstallJobEntity();
    e.id = job.id;
    e.includePatterns = Times.lines(job.include);
    e.excludePatterns = Times.lines(job.exclude);
    e.repo = job.repo;
    e.revision = job.revision;
    e.location = job.location;
    e.overwrite = job.overwrite;
    e.pin = job.pin;
    e.requestedBy = job.requestedBy;
    e.createdAt = odt(job.createdAt);
    copy(job, e);
    return e.persist().call(() -> Panache.getSession().chain(s -> s.flush())).replaceWithVoid();
  }

  @Override
  public Uni<Boolean> updateOwned(InstallJob job, String owner, long epoch) {
    return InstallJobEntity.<InstallJobEntity>find(
            "id = ?1 and owner = ?2 and leaseEpoch = ?3 and " + OPEN, job.id, owner, epoch)
        .withLock(LockModeType.PESSIMISTIC_WRITE)
        .firstResult()
        .chain(
            e -> {
              if (e == null) {
                return Uni.createFrom().item(false);
              }
              copy(job, e);
              return Panache.getSession().chain(s -> s.flush()).replaceWith(true);
            });
  }

  @Override
  public Uni<Optional<InstallJob>> find(UUID id) {
    return InstallJobEntity.<InstallJobEntity>findById(id)
        .map(e -> Optional.ofNullable(e).map(PostgresInstallJobStore::toJob));
  }

  @Override
  public Uni<List<InstallJob>> list(JobQuery query, int limit) {
    StringBuilder where = new StringBuilder("1 = 1");
    Parameters p = new Parameters();
    if (query.state() != null) {
      where.append(" and state = :state");
      p = p.and("state", query.state().name());
    }
    if (query.repo() != null) {
      where.append(" and repo = :repo");
      p = p.and("repo", query.repo());
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
      where.append(" and (createdAt < :at or (createdAt = :at and id < :id))");
      p = p.and("at", odt(query.after().createdAt())).and("id", query.after().id());
    }
    return InstallJobEntity.<InstallJobEntity>find(
            where.toString(), Sort.descending("createdAt", "id"), p)
        .page(0, limit)
        .list()
        .map(l -> l.stream().map(PostgresInstallJobStore::toJob).toList());
  }

  @Override
  public Uni<Map<InstallState, Long>> countByState() {
    return Panache.getSession()
        .chain(
            s ->
                s.createQuery(
                        "select state, count(*) from InstallJobEntity group by state",
                        Object[].class)
                    .getResultList())
        .map(
            rows -> {
              Map<InstallState, Long> out = new EnumMap<>(InstallState.class);
              rows.forEach(r -> out.put(InstallState.valueOf((String) r[0]), (Long) r[1]));
              return out;
            });
  }

  @Override
  public Uni<Optional<Instant>> oldestQueuedSince() {
    return Panache.getSession()
        .chain(
            s ->
                s.createQuery(
                        "select min(updatedAt) from InstallJobEntity where state = 'QUEUED' and owner is null",
                        java.time.OffsetDateTime.class)
                    .getSingleResultOrNull())
        .map(t -> Optional.ofNullable(t).map(java.time.OffsetDateTime::toInstant));
  }

  @Override
  public Uni<Optional<InstallJob>> findOpen(String location, String repo, String commit) {
    return InstallJobEntity.<InstallJobEntity>find(
            "location = ?1 and repo = ?2 and commitSha = ?3 and " + OPEN, location, repo, commit)
        .firstResult()
        .map(e -> Optional.ofNullable(e).map(PostgresInstallJobStore::toJob));
  }

  @Override
  public Uni<Optional<InstallJob>> claim(String owner, Duration lease) {
    String pick =
        "select id from {h-schema}install_job where "
            + OPEN
            + " and (owner is null or lease_until is null or lease_until < now())"
            + " order by created_at limit 1 for update skip locked";
    // The database's clock judges expiry and sets the lease: replicas' clocks may disagree.
    String take =
        "update {h-schema}install_job set"
            + " crashes = crashes + case when owner is null then 0 else 1 end,"
            + " owner = :owner, lease_until = now() + (:ms * interval '1 millisecond'),"
            + " lease_epoch = lease_epoch + 1, attempts = attempts + 1, updated_at = now()"
            + " where id = :id";
    return Panache.withTransaction(
        () ->
            Panache.getSession()
                .chain(s -> s.createNativeQuery(pick, UUID.class).getResultList())
                .chain(
                    ids -> {
                      if (ids.isEmpty()) {
                        return Uni.createFrom().item(Optional.<InstallJob>empty());
                      }
                      UUID id = ids.get(0);
                      return Panache.getSession()
                          .chain(
                              s ->
                                  s.createNativeQuery(take)
                                      .setParameter("owner", owner)
                                      .setParameter("ms", lease.toMillis())
                                      .setParameter("id", id)
                                      .executeUpdate())
                          .chain(() -> fresh(id));
                    }));
  }

  private Uni<Optional<InstallJob>> fresh(UUID id) {
    return Panache.getSession()
        .chain(
            s ->
                s.createNativeQuery(
                        "select * from {h-schema}install_job where id = :id",
                        InstallJobEntity.class)
                    .setParameter("id", id)
                    .getSingleResult())
        .map(e -> Optional.of(toJob(e)));
  }

  @Override
  public Uni<Optional<Boolean>> heartbeat(UUID id, String owner, long epoch, Duration lease) {
    String renew =
        "update {h-schema}install_job set lease_until = now() + (:ms * interval '1 millisecond')"
            + " where id = :id and owner = :owner and lease_epoch = :epoch and "
            + OPEN;
    return Panache.withTransaction(
        () ->
            Panache.getSession()
                .chain(
                    s ->
                        s.createNativeQuery(renew)
                            .setParameter("ms", lease.toMillis())
                            .setParameter("id", id)
                            .setParameter("owner", owner)
                            .setParameter("epoch", epoch)
                            .executeUpdate())
                .chain(
                    n ->
                        n == 0
                            ? Uni.createFrom().item(Optional.<Boolean>empty())
                            : Panache.getSession()
                                .chain(
                                    s ->
                                        s.createNativeQuery(
                                                "select cancel_requested from {h-schema}install_job"
                                                    + " where id = :id",
                                                Boolean.class)
                                            .setParameter("id", id)
                                            .getSingleResult())
                                .map(Optional::of)));
  }

  @Override
  public Uni<Void> release(UUID id, String owner, long epoch) {
    return Panache.withTransaction(
        () ->
            InstallJobEntity.update(
                    "owner = null, leaseUntil = null where id = ?1 and owner = ?2 and leaseEpoch = ?3",
                    id,
                    owner,
                    epoch)
                .replaceWithVoid());
  }

  @Override
  public Uni<Void> requestCancel(UUID id) {
    return InstallJobEntity.update("cancelRequested = true where id = ?1", id).replaceWithVoid();
  }

  @Override
  public Uni<Boolean> cancelQueued(UUID id, Instant now) {
    return InstallJobEntity.update(
            "state = 'CANCELLED', finishedAt = ?2, updatedAt = ?2, owner = null, leaseUntil = null"
                + " where id = ?1 and state = 'QUEUED'",
            id,
            odt(now))
        .map(n -> n > 0);
  }

  @Override
  public Uni<Boolean> requeue(UUID id, Instant now) {
    return InstallJobEntity.update(
            "state = 'QUEUED', error = null, cancelRequested = false, owner = null,"
                + " leaseUntil = null, finishedAt = null, crashes = 0, updatedAt = ?2"
                + " where id = ?1 and state in ('FAILED', 'CANCELLED')",
            id,
            odt(now))
        .map(n -> n > 0);
  }

  /** The fields a runner advances; lease, epoch and cancel flag belong to other writers. */
  private static void copy(InstallJob j, InstallJobEntity e) {
    e.commitSha = j.commit;
    e.state = j.state.name();
    e.error = j.error;
    e.bytesTotal = j.bytesTotal;
    e.bytesDone = j.bytesDone;
    e.plan = j.plan;
    if (j.state.terminal()) {
      e.owner = null;
      e.leaseUntil = null;
    }
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
    j.leaseEpoch = e.leaseEpoch;
    j.crashes = e.crashes;
    j.requestedBy = e.requestedBy;
    j.createdAt = instant(e.createdAt);
    j.updatedAt = instant(e.updatedAt);
    j.startedAt = instant(e.startedAt);
    j.finishedAt = instant(e.finishedAt);
    return j;
  }
}
