package dev.modelmanager.catalog.store;

import dev.modelmanager.catalog.domain.CatalogEntry;
import dev.modelmanager.catalog.domain.ReloadRecord;
import dev.modelmanager.kit.store.SqliteDatabase;
import dev.modelmanager.kit.store.SqliteTime;
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

/**
 * SqlTemplate adapter over the local SQLite file; joins the caller's transaction when there is one.
 */
@ApplicationScoped
@Typed(SqliteCatalogStore.class)
public class SqliteCatalogStore implements CatalogStore {
  private static final String COLUMNS =
      "id, repo, revision, description, document, content_hash, source_path, source_commit";

  private final SqliteDatabase db;

  SqliteCatalogStore(SqliteDatabase db) {
    this.db = db;
  }

  @Override
  public Uni<List<CatalogEntry>> all() {
    return entries("select " + COLUMNS + " from catalog_entry order by id", Map.of());
  }

  @Override
  public Uni<Optional<CatalogEntry>> find(String id) {
    return entries("select " + COLUMNS + " from catalog_entry where id = #{id}", Map.of("id", id))
        .map(l -> l.stream().findFirst());
  }

  @Override
  public Uni<List<CatalogEntry>> page(String afterId, int limit, String repo) {
    Map<String, Object> params = new HashMap<>();
    params.put("after", afterId == null ? "" : afterId);
    params.put("limit", limit);
    params.put("repo", repo == null ? "" : repo);
    return entries(
        "select "
            + COLUMNS
            + " from catalog_entry where id > #{after} and (#{repo} = '' or repo = #{repo})"
            + " order by id limit #{limit}",
        params);
  }

  @Override
  public Uni<Void> upsert(CatalogEntry e, String commit) {
    Map<String, Object> p = new HashMap<>();
    p.put("id", e.id());
    p.put("repo", e.repo());
    p.put("revision", e.revision());
    p.put("description", e.description());
    p.put("document", e.document());
    p.put("hash", e.contentHash());
    p.put("path", e.sourcePath());
    p.put("commit", commit);
    p.put("now", SqliteTime.now());
    return SqlTemplate.forUpdate(
            db.client(),
            "insert into catalog_entry(id, repo, revision, description, document, content_hash,"
                + " source_path, source_commit, updated_at) values (#{id}, #{repo}, #{revision},"
                + " #{description}, #{document}, #{hash}, #{path}, #{commit}, #{now})"
                + " on conflict(id) do update set repo = excluded.repo, revision = excluded.revision,"
                + " description = excluded.description, document = excluded.document,"
                + " content_hash = excluded.content_hash, source_path = excluded.source_path,"
                + " source_commit = excluded.source_commit, updated_at = excluded.updated_at")
        .execute(p)
        .replaceWithVoid();
  }

  @Override
  public Uni<Void> delete(String id) {
    return SqlTemplate.forUpdate(db.client(), "delete from catalog_entry where id = #{id}")
        .execute(Map.of("id", id))
        .replaceWithVoid();
  }

  @Override
  public Uni<Void> saveReload(ReloadRecord r) {
    Map<String, Object> p = new HashMap<>();
    p.put("id", r.id().toString());
    p.put("commit", r.commit());
    p.put("finished", SqliteTime.format(r.finishedAt()));
    p.put("entries", r.entries());
    p.put("added", r.added());
    p.put("updated", r.updated());
    p.put("removed", r.removed());
    return SqlTemplate.forUpdate(
            db.client(),
            "insert into catalog_reload(id, source_commit, finished_at, entries, added, updated, removed)"
                + " values (#{id}, #{commit}, #{finished}, #{entries}, #{added}, #{updated}, #{removed})")
        .execute(p)
        .replaceWithVoid();
  }

  @Override
  public Uni<Optional<ReloadRecord>> lastReload() {
    return SqlTemplate.forQuery(
            db.client(),
            "select id, source_commit, finished_at, entries, added, updated, removed"
                + " from catalog_reload order by finished_at desc limit 1")
        .execute(Map.of())
        .map(
            rows -> {
              for (Row r : rows) {
                return Optional.of(
                    new ReloadRecord(
                        UUID.fromString(r.getString("id")),
                        r.getString("source_commit"),
                        Instant.parse(r.getString("finished_at")),
                        r.getInteger("entries"),
                        r.getInteger("added"),
                        r.getInteger("updated"),
                        r.getInteger("removed")));
              }
              return Optional.<ReloadRecord>empty();
            });
  }

  private Uni<List<CatalogEntry>> entries(String sql, Map<String, Object> params) {
    return SqlTemplate.forQuery(db.client(), sql)
        .execute(params)
        .map(
            rows -> {
              List<CatalogEntry> out = new ArrayList<>();
              for (Row r : rows) {
                out.add(
                    new CatalogEntry(
                        r.getString("id"),
                        r.getString("repo"),
                        r.getString("revision"),
                        r.getString("description"),
                        r.getString("document"),
                        r.getString("content_hash"),
                        r.getString("source_path"),
                        r.getString("source_commit")));
              }
              return out;
            });
  }
}
