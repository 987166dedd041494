package dev.modelmanager.weights.store;

import dev.modelmanager.kit.store.SqliteDatabase;
import dev.modelmanager.weights.domain.Snapshot;
import dev.modelmanager.weights.domain.SnapshotQuery;
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

@ApplicationScoped
@Typed(SqliteSnapshotStore.class)
public class SqliteSnapshotStore implements SnapshotStore {
  private static final String COLUMNS =
      "id, repo, revision, commit_sha, location, size_bytes, files, status, verified, pinned,"
          + " installed_at, last_accessed_at, blobs";

  private final SqliteDatabase db;

  SqliteSnapshotStore(SqliteDatabase db) {
    this.db = db;
  }

  @Override
  public Uni<Snapshot> upsert(Snapshot s) {
    Map<String, Object> p = new HashMap<>();
    p.put("id", s.id().toString());
    p.put("repo", s.repo());
    p.put("revision", s.revision());
    p.put("commit", s.commit());
    p.put("location", s.location());
    p.put("size", s.sizeBytes());
    p.put("files", s.files());
    p.put("status", s.status());
    p.put("verified", s.verified() ? 1 : 0);
    p.put("pinned", s.pinned() ? 1 : 0);
    p.put("installed", s.installedAt().toString());
    p.put("accessed", s.lastAccessedAt().toString());
    p.put("blobs", Snapshot.encodeBlobs(s.blobs()));
    return SqlTemplate.forUpdate(
            db.client(),
            "insert into snapshot("
                + COLUMNS
                + ") values (#{id}, #{repo}, #{revision}, #{commit},"
                + " #{location}, #{size}, #{files}, #{status}, #{verified}, #{pinned}, #{installed},"
                + " #{accessed}, #{blobs}) on conflict(location, repo, commit_sha) do update set"
                + " revision = excluded.revision, size_bytes = excluded.size_bytes,"
                + " files = excluded.files, status = excluded.status, verified = excluded.verified,"
                + " pinned = max(snapshot.pinned, excluded.pinned), installed_at = excluded.installed_at,"
                + " last_accessed_at = excluded.last_accessed_at, blobs = excluded.blobs")
        .execute(p)
        .chain(() -> find(s.location(), s.repo(), s.commit()))
        .map(Optional::orElseThrow);
  }

  @Override
  public Uni<Optional<Snapshot>> find(UUID id) {
    return query(
            "select " + COLUMNS + " from snapshot where id = #{id}", Map.of("id", id.toString()))
        .map(l -> l.stream().findFirst());
  }

  @Override
  public Uni<Optional<Snapshot>> find(String location, String repo, String commit) {
    return query(
            "select "
                + COLUMNS
                + " from snapshot where location = #{location} and repo = #{repo}"
                + " and commit_sha = #{commit}",
            Map.of("location", location, "repo", repo, "commit", commit))
        .map(l -> l.stream().findFirst());
  }

  @Override
  public Uni<List<Snapshot>> all() {
    return query("select " + COLUMNS + " from snapshot order by repo, installed_at, id", Map.of());
  }

  @Override
  public Uni<List<Snapshot>> page(SnapshotQuery query, int limit) {
    if (query.matchesNothing()) {
      return Uni.createFrom().item(List.of());
    }
    StringBuilder where = new StringBuilder("1 = 1");
    Map<String, Object> p = new HashMap<>();
    p.put("limit", limit);
    if (query.statuses() != null) {
      // SqlTemplate binds no lists: one named parameter per status.
      List<String> names = new ArrayList<>();
      for (String status : query.statuses()) {
        String name = "status" + names.size();
        names.add("#{" + name + "}");
        p.put(name, status);
      }
      where.append(" and status in (").append(String.join(", ", names)).append(")");
    }
    if (query.pinned() != null) {
      where.append(" and pinned = #{pinned}");
      p.put("pinned", query.pinned() ? 1 : 0);
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
      SnapshotQuery.After after = query.after();
      where.append(
          " and (repo > #{repo} or (repo = #{repo} and (installed_at > #{at}"
              + " or (installed_at = #{at} and id > #{afterId}))))");
      p.put("repo", after.repo());
      p.put("at", after.installedAt().toString());
      p.put("afterId", after.id().toString());
    }
    return query(
        "select "
            + COLUMNS
            + " from snapshot where "
            + where
            + " order by repo, installed_at, id limit #{limit}",
        p);
  }

  @Override
  public Uni<Void> setPinned(UUID id, boolean pinned) {
    return update("update snapshot set pinned = #{v} where id = #{id}", id, pinned ? 1 : 0);
  }

  @Override
  public Uni<Void> setStatus(UUID id, String status) {
    return update("update snapshot set status = #{v} where id = #{id}", id, status);
  }

  @Override
  public Uni<Void> touch(UUID id, Instant accessedAt) {
    return update(
        "update snapshot set last_accessed_at = #{v} where id = #{id}", id, accessedAt.toString());
  }

  @Override
  public Uni<Void> delete(UUID id) {
    return SqlTemplate.forUpdate(db.client(), "delete from snapshot where id = #{id}")
        .execute(Map.of("id", id.toString()))
        .replaceWithVoid();
  }

  private Uni<Void> update(String sql, UUID id, Object value) {
    return SqlTemplate.forUpdate(db.client(), sql)
        .execute(Map.of("id", id.toString(), "v", value))
        .replaceWithVoid();
  }

  private Uni<List<Snapshot>> query(String sql, Map<String, Object> params) {
    return SqlTemplate.forQuery(db.client(), sql)
        .execute(params)
        .map(
            rows -> {
              List<Snapshot> out = new ArrayList<>();
              rows.forEach(r -> out.add(toSnapshot(r)));
              return out;
            });
  }

  private static Snapshot toSnapshot(Row r) {
    return new Snapshot(
        UUID.fromString(r.getString("id")),
        r.getString("repo"),
        r.getString("revision"),
        r.getString("commit_sha"),
        r.getString("location"),
        r.getLong("size_bytes"),
        r.getInteger("files"),
        r.getString("status"),
        r.getInteger("verified") != 0,
        r.getInteger("pinned") != 0,
        Instant.parse(r.getString("installed_at")),
        Instant.parse(r.getString("last_accessed_at")),
        Snapshot.decodeBlobs(r.getString("blobs")));
  }
}
