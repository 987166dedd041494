package dev.modelmanager.weights.store;

import static dev.modelmanager.weights.store.Times.parse;
import static dev.modelmanager.weights.store.Times.text;

import dev.modelmanager.kit.store.SqliteDatabase;
import dev.modelmanager.weights.domain.InstallJob;
import dev.modelmanager.weights.domain.InstallState;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.templates.SqlTemplate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** SqlTemplate adapter; one process owns the file, so a claim needs no row lock. */
@ApplicationScoped
@Typed(SqliteInstallJobStore.class)
public class SqliteInstallJobStore implements InstallJobStore {
  private static final String OPEN = "state not in ('SUCCEEDED', 'FAILED', 'CANCELLED')";
  private static final String COLUMNS =
      "id, repo, revision, commit_sha, location, include_patterns, exclude_patterns, overwrite, pin,"
          + " state, error, bytes_total, bytes_done, plan, cancel_requested, owner, lease_until,"
          + " attempts, created_at, updated_at, started_at, finished_at";
  private static final String VALUES =
      "#{id}, #{repo}, #{revision}, #{commit}, #{location}, #{include}, #{exclude}, #{overwrite},"
          + " #{pin}, #{state}, #{error}, #{bytesTotal}, #{bytesDone}, #{plan}, #{cancel}, #{owner},"
          + " #{lease}, #{attempts}, #{created}, #{updated}, #{started}, #{finished}";

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
  public Uni<Void> update(InstallJob job) {
    return SqlTemplate.forUpdate(
            db.client(),
            "update install_job set commit_sha = #{commit}, location = #{location}, state = #{state},"
                + " error = #{error}, bytes_total = #{bytesTotal}, bytes_done = #{bytesDone},"
                + " plan = #{plan}, owner = #{owner},"
                + " cancel_requested = case when #{state} = 'QUEUED' then #{cancel} else cancel_requested end,"
                + ""
                + " lease_until = #{lease}, attempts = #{attempts}, updated_at = #{updated},"
                + " started_at = #{started}, finished_at = #{finished} where id = #{id}")
        .execute(params(job))
        .replaceWithVoid();
  }

  @Override
  public Uni<Optional<InstallJob>> find(UUID id) {
    return query(
            "select " + COLUMNS + " from install_job where id = #{id}", Map.of("id", id.toString()))
        .map(l -> l.stream().findFirst());
  }

  @Override
  public Uni<List<InstallJob>> list(int limit) {
    return query(
        "select " + COLUMNS + " from install_job order by created_at desc, id desc limit #{limit}",
        Map.of("limit", limit));
  }

  @Override
  public Uni<Optional<InstallJob>> findOpen(String repo, String revision, String location) {
    return query(
            "select "
                + COLUMNS
                + " from install_job where repo = #{repo} and revision = #{revision}"
                + " and location = #{location} and "
                + OPEN
                + " limit 1",
            Map.of("repo", repo, "revision", revision, "location", location))
        .map(l -> l.stream().findFirst());
  }

  @Override
  public Uni<Optional<InstallJob>> claim(String owner, Instant now, Instant leaseUntil) {
    // One UPDATE picks and takes the row under SQLite's write lock: concurrent claimers wait, never
    // share a job.
    Map<String, Object> p = new HashMap<>();
    p.put("owner", owner);
    p.put("now", now.toString());
    p.put("lease", leaseUntil.toString());
    return SqlTemplate.forUpdate(
            db.client(),
            "update install_job set owner = #{owner}, lease_until = #{lease}, attempts = attempts + 1,"
                + " updated_at = #{now} where id = (select id from install_job where "
                + OPEN
                + " and (owner is null or lease_until is null or lease_until < #{now})"
                + " order by created_at limit 1)")
        .execute(p)
        .chain(
            r ->
                r.rowCount() == 0
                    ? Uni.createFrom().item(List.<InstallJob>of())
                    : query(
                        "select "
                            + COLUMNS
                            + " from install_job where owner = #{owner} and lease_until = #{lease}"
                            + " and "
                            + OPEN
                            + " order by updated_at desc limit 1",
                        Map.of("owner", owner, "lease", leaseUntil.toString())))
        .map(l -> l.stream().findFirst());
  }

  @Override
  public Uni<Optional<Boolean>> heartbeat(UUID id, String owner, Instant leaseUntil) {
    return SqlTemplate.forUpdate(
            db.client(),
            "update install_job set lease_until = #{lease} where id = #{id} and owner = #{owner}")
        .execute(Map.of("lease", leaseUntil.toString(), "id", id.toString(), "owner", owner))
        .chain(
            r ->
                r.rowCount() == 0
                    ? Uni.createFrom().item(Optional.<Boolean>empty())
                    : find(id).map(j -> j.map(x -> x.cancelRequested)));
  }

  @Override
  public Uni<Void> release(UUID id, String owner) {
    return SqlTemplate.forUpdate(
            db.client(),
            "update install_job set owner = null, lease_until = null where id = #{id} and owner = #{owner}")
        .execute(Map.of("id", id.toString(), "owner", owner))
        .replaceWithVoid();
  }

  @Override
  public Uni<Void> requestCancel(UUID id) {
    return SqlTemplate.forUpdate(
            db.client(), "update install_job set cancel_requested = 1 where id = #{id}")
        .execute(Map.of("id", id.toString()))
        .replaceWithVoid();
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
    j.createdAt = parse(r.getString("created_at"));
    j.updatedAt = parse(r.getString("updated_at"));
    j.startedAt = parse(r.getString("started_at"));
    j.finishedAt = parse(r.getString("finished_at"));
    return j;
  }
}
