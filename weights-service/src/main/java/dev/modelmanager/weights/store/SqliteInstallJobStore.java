package dev.modelmanager.weights.store;

import static dev.modelmanager.weights.store.Times.parse;
import static dev.modelmanager.weights.store.Times.text;

import dev.modelmanager.kit.store.SqliteDatabase;
import dev.modelmanager.weights.domain.InstallJob;
import dev.modelmanager.weights.domain.InstallState;
import dev.modelmanager.weights.domain.JobQuery;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.templates.SqlTemplate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * SqlTemplate adapter; one process owns the file, so a claim needs no row lock. Leases run on
 * SQLite's clock.
 */
@ApplicationScoped
@Typed(SqliteInstallJobStore.class)
public class SqliteInstallJobStore implements InstallJobStore {
  private static final String OPEN = "state not in ('SUCCEEDED', 'FAILED', 'CANCELLED')";
  private static final String COLUMNS =
      "id, repo, revision, commit_sha, location, include_patterns, exclude_patterns, overwrite, pin,"
          + " state, error, bytes_total, bytes_done, plan, cancel_requested, owner, lease_until,"
          + " attempts, created_at, updated_at, started_at, finished_at, lease_epoch, crashes,"
          + " requested_by";
  private static final String VALUES =
      "#{id}, #{repo}, #{revision}, #{commit}, #{location}, #{include}, #{exclude}, #{overwrite},"
          + " #{pin}, #{state}, #{error}, #{bytesTotal}, #{bytesDone}, #{plan}, #{cancel}, #{owner},"
          + " #{lease}, #{attempts}, #{created}, #{updated}, #{started}, #{finished}, 0, 0,"
          + " #{requestedBy}";

  private final SqliteDatabase db;

  SqliteInstallJobStore(SqliteDatabase db) {
    this.db = db;
  }

  @Override
  public Uni<Void> insert(InstallJob job) {
    return SqlTemplate.forUpdate(
            db.client(), "insert into install_job(" + COLUMNS + ") values (" + VALUES + ")")
        .execute(params(job))
        .replaceWithVoid();
  }

  @Override
  public Uni<Boolean> updateOwned(InstallJob job, String owner, long epoch) {
    Map<String, Object> p = params(job);
    p.put("owner", owner);
    p.put("epoch", epoch);
    p.put("terminal", job.state.terminal() ? 1 : 0);
    return SqlTemplate.forUpdate(
            db.client(),
            "update install_job set commit_sha = #{commit}, state = #{state}, error = #{error},"
                + " bytes_total = #{bytesTotal}, bytes_done = #{bytesDone}, plan = #{plan},"
                + " owner = case when #{terminal} = 1 then null else owner end,"
                + " lease_until = case when #{terminal} = 1 then null else lease_until end,"
                + " updated_at = #{updated}, started_at = #{started}, finished_at = #{finished}"
                + " where id = #{id} and owner = #{owner} and lease_epoch = #{epoch} and "
                + OPEN)
        .execute(p)
        .map(r -> r.rowCount() > 0);
  }

  @Override
  public Uni<Optional<InstallJob>> find(UUID id) {
    return query(
            "select " + COLUMNS + " from install_job where id = #{id}", Map.of("id", id.toString()))
        .map(l -> l.stream().findFirst());
  }

  @Override
  public Uni<List<InstallJob>> list(JobQuery query, int limit) {
    StringBuilder where = new StringBuilder("1 = 1");
    Map<String, Object> p = new HashMap<>();
    p.put("limit", limit);
    if (query.state() != null) {
      where.append(" and state = #{state}");
      p.put("state", query.state().name());
    }
    if (query.repo() != null) {
      where.append(" and repo = #{repo}");
      p.put("repo", query.repo());
    }
    if (query.location() != null) {
      where.append(" and location = #{location}");
      p.put("location", query.location());
    }
    if (query.likePattern() != null) {
      where.append(
          " and (lower(repo) like #{like} escape '!' or lower(revision) like #{like} escape '!')");
      p.put("like", query.likePattern());
    }
    if (query.after() != null) {
      where.append(" and (created_at < #{at} or (created_at = #{at} and id < #{afterId}))");
      p.put("at", text(query.after().createdAt()));
      p.put("afterId", query.after().id().toString());
    }
    return query(
        "select "
            + COLUMNS
            + " from install_job where "
            + where
            + " order by created_at desc, id desc limit #{limit}",
        p);
  }

  @Override
  public Uni<Map<InstallState, Long>> countByState() {
    return SqlTemplate.forQuery(
            db.client(), "select state, count(*) as n from install_job group by state")
        .execute(Map.of())
        .map(
            rows -> {
              Map<InstallState, Long> out = new EnumMap<>(InstallState.class);
              rows.forEach(
                  r -> out.put(InstallState.valueOf(r.getString("state")), r.getLong("n")));
              return out;
            });
  }

  @Override
  public Uni<Optional<Instant>> oldestQueuedSince() {
    return SqlTemplate.forQuery(
            db.client(),
            "select min(updated_at) as since from install_job where state = 'QUEUED' and owner is null")
        .execute(Map.of())
        .map(rows -> Optional.ofNullable(parse(rows.iterator().next().getString("since"))));
  }

  @Override
  public Uni<Optional<InstallJob>> findOpen(String location, String repo, String commit) {
    return query(
            "select "
                + COLUMNS
                + " from install_job where location = #{location} and repo = #{repo}"
                + " and commit_sha = #{commit} and "
                + OPEN
                + " limit 1",
            Map.of("repo", repo, "commit", commit, "location", location))
        .map(l -> l.stream().findFirst());
  }

  @Override
  public Uni<Optional<InstallJob>> claim(String owner, Duration lease) {
    // Pick, then take it only if it is still claimable: a concurrent claimer that took it first
    // makes the update touch nothing. The lease runs on SQLite's clock, in Times' text format.
    String claimable =
        OPEN
            + " and (owner is null or lease_until is null or lease_until < "
            + Times.SQLITE_NOW
            + ")";
    return SqlTemplate.forQuery(
            db.client(),
            "select id from install_job where " + claimable + " order by created_at limit 1")
        .execute(Map.of())
        .chain(
            rows -> {
              if (rows.size() == 0) {
                return Uni.createFrom().item(Optional.<InstallJob>empty());
              }
              String id = rows.iterator().next().getString("id");
              Map<String, Object> p = new HashMap<>();
              p.put("owner", owner);
              p.put("lease", "+" + (lease.toMillis() / 1000.0) + " seconds");
              p.put("id", id);
              return SqlTemplate.forUpdate(
                      db.client(),
                      "update install_job set"
                          + " crashes = crashes + case when owner is null then 0 else 1 end,"
                          + " owner = #{owner},"
                          + " lease_until = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', #{lease}),"
                          + " lease_epoch = lease_epoch + 1, attempts = attempts + 1,"
                          + " updated_at = "
                          + Times.SQLITE_NOW
                          + " where id = #{id} and "
                          + claimable)
                  .execute(p)
                  .chain(
                      r ->
                          // Lost the race for this one: look for the next.
                          r.rowCount() == 0 ? claim(owner, lease) : find(UUID.fromString(id)));
            });
  }

  @Override
  public Uni<Optional<Boolean>> heartbeat(UUID id, String owner, long epoch, Duration lease) {
    Map<String, Object> p = new HashMap<>();
    p.put("lease", "+" + (lease.toMillis() / 1000.0) + " seconds");
    p.put("id", id.toString());
    p.put("owner", owner);
    p.put("epoch", epoch);
    return SqlTemplate.forUpdate(
            db.client(),
            "update install_job set lease_until = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', #{lease})"
                + " where id = #{id} and owner = #{owner} and lease_epoch = #{epoch} and "
                + OPEN)
        .execute(p)
        .chain(
            r ->
                r.rowCount() == 0
                    ? Uni.createFrom().item(Optional.<Boolean>empty())
                    : find(id).map(j -> j.map(x -> x.cancelRequested)));
  }

  @Override
  public Uni<Void> release(UUID id, String owner, long epoch) {
    return SqlTemplate.forUpdate(
            db.client(),
            "update install_job set owner = null, lease_until = null where id = #{id}"
                + " and owner = #{owner} and lease_epoch = #{epoch}")
        .execute(Map.of("id", id.toString(), "owner", owner, "epoch", epoch))
        .replaceWithVoid();
  }

  @Override
  public Uni<Void> requestCancel(UUID id) {
    return SqlTemplate.forUpdate(
            db.client(), "update install_job set cancel_requested = 1 where id = #{id}")
        .execute(Map.of("id", id.toString()))
        .replaceWithVoid();
  }

  @Override
  public Uni<Boolean> cancelQueued(UUID id, Instant now) {
    return SqlTemplate.forUpdate(
            db.client(),
            "update install_job set state = 'CANCELLED', finished_at = #{now}, updated_at = #{now},"
                + " owner = null, lease_until = null where id = #{id} and state = 'QUEUED'")
        .execute(Map.of("id", id.toString(), "now", text(now)))
        .map(r -> r.rowCount() > 0);
  }

  @Override
  public Uni<Boolean> requeue(UUID id, Instant now) {
    return SqlTemplate.forUpdate(
            db.client(),
            "update install_job set state = 'QUEUED', error = null, cancel_requested = 0,"
                + " owner = null, lease_until = null, finished_at = null, crashes = 0,"
                + " updated_at = #{now} where id = #{id} and state in ('FAILED', 'CANCELLED')")
        .execute(Map.of("id", id.toString(), "now", text(now)))
        .map(r -> r.rowCount() > 0);
  }

  private Uni<List<InstallJob>> query(String sql, Map<String, Object> params) {
    return SqlTemplate.forQuery(db.client(), sql)
        .execute(params)
        .map(
            rows -> {
              List<InstallJob> out = new ArrayList<>();
              rows.forEach(r -> out.add(toJob(r)));
              return out;
            });
  }

  private static Map<String, Object> params(InstallJob j) {
    Map<String, Object> p = new HashMap<>();
    p.put("id", j.id.toString());
    p.put("repo", j.repo);
    p.put("revision", j.revision);
    p.put("commit", j.commit);
    p.put("location", j.location);
    p.put("include", Times.lines(j.include));
    p.put("exclude", Times.lines(j.exclude));
    p.put("overwrite", j.overwrite ? 1 : 0);
    p.put("pin", j.pin ? 1 : 0);
    p.put("state", j.state.name());
    p.put("error", j.error);
    p.put("bytesTotal", j.bytesTotal);
    p.put("bytesDone", j.bytesDone);
    p.put("plan", j.plan);
    p.put("cancel", j.cancelRequested ? 1 : 0);
    p.put("owner", j.owner);
    p.put("lease", text(j.leaseUntil));
    p.put("attempts", j.attempts);
    p.put("created", text(j.createdAt));
    p.put("updated", text(j.updatedAt));
    p.put("started", text(j.startedAt));
    p.put("finished", text(j.finishedAt));
    p.put("requestedBy", j.requestedBy);
    return p;
  }

  private static InstallJob toJob(Row r) {
    InstallJob j = new InstallJob();
    j.id = UUID.fromString(r.getString("id"));
    j.repo = r.getString("repo");
    j.revision = r.getString("revision");
    j.commit = r.getString("commit_sha");
    j.location = r.getString("location");
    j.include = Times.unlines(r.getString("include_patterns"));
    j.exclude = Times.unlines(r.getString("exclude_patterns"));
    j.overwrite = r.getInteger("overwrite") != 0;
    j.pin = r.getInteger("pin") != 0;
    j.state = InstallState.valueOf(r.getString("state"));
    j.error = r.getString("error");
    j.bytesTotal = r.getLong("bytes_total");
    j.bytesDone = r.getLong("bytes_done");
    j.plan = r.getString("plan");
    j.cancelRequested = r.getInteger("cancel_requested") != 0;
    j.owner = r.getString("owner");
    j.leaseUntil = parse(r.getString("lease_until"));
    j.attempts = r.getInteger("attempts");
    j.leaseEpoch = r.getLong("lease_epoch");
    j.crashes = r.getInteger("crashes");
    j.requestedBy = r.getString("requested_by");
    j.createdAt = parse(r.getString("created_at"));
    j.updatedAt = parse(r.getString("updated_at"));
    j.startedAt = parse(r.getString("started_at"));
    j.finishedAt = parse(r.getString("finished_at"));
    return j;
  }
}
