package dev.modelmanager.catalog.store;

import dev.modelmanager.catalog.domain.PullRequestRecord;
import dev.modelmanager.kit.store.SqliteDatabase;
import dev.modelmanager.kit.store.SqliteTime;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.templates.SqlTemplate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SqlTemplate adapter of the pull request store over the local SQLite file. */
@ApplicationScoped
@Typed(SqlitePullRequestStore.class)
public class SqlitePullRequestStore implements PullRequestStore {
  private static final String COLUMNS =
      "number, entry_id, branch, title, url, state, head_commit, kind, created_at, updated_at";

  private final SqliteDatabase db;

  SqlitePullRequestStore(SqliteDatabase db) {
    this.db = db;
  }

  @Override
  public Uni<Void> save(PullRequestRecord pr) {
    Map<String, Object> p = new HashMap<>();
    p.put("number", pr.number());
    p.put("entry", pr.entryId());
    p.put("branch", pr.branch());
    p.put("title", pr.title());
    p.put("url", pr.url());
    p.put("state", pr.state());
    p.put("head", pr.headCommit());
    p.put("kind", pr.kind());
    p.put("created", SqliteTime.format(pr.createdAt()));
    p.put("updated", SqliteTime.format(pr.updatedAt()));
    return SqlTemplate.forUpdate(
            db.client(),
            "insert into catalog_pull_request("
                + COLUMNS
                + ") values (#{number}, #{entry}, #{branch}, #{title}, #{url}, #{state}, #{head},"
                + " #{kind}, #{created}, #{updated}) on conflict(number) do update set"
                + " entry_id = excluded.entry_id, branch = excluded.branch, title = excluded.title,"
                + " url = excluded.url, state = excluded.state, head_commit = excluded.head_commit,"
                + " kind = excluded.kind, updated_at = excluded.updated_at")
        .execute(p)
        .replaceWithVoid();
  }

  @Override
  public Uni<Optional<PullRequestRecord>> find(int number) {
    return rows(
            "select " + COLUMNS + " from catalog_pull_request where number = #{n}",
            Map.of("n", number))
        .map(l -> l.stream().findFirst());
  }

  @Override
  public Uni<List<PullRequestRecord>> page(int afterNumber, int limit, String state) {
    Map<String, Object> p = new HashMap<>();
    p.put("after", afterNumber);
    p.put("limit", limit);
    p.put("state", state == null ? "" : state);
    return rows(
        "select "
            + COLUMNS
            + " from catalog_pull_request where number > #{after}"
            + " and (#{state} = '' or state = #{state}) order by number limit #{limit}",
        p);
  }

  @Override
  public Uni<List<PullRequestRecord>> open() {
    return rows(
        "select " + COLUMNS + " from catalog_pull_request where state = #{s} order by number",
        Map.of("s", PullRequestRecord.OPEN));
  }

  @Override
  public Uni<Boolean> saveProposal(int number, String proposal) {
    return SqlTemplate.forUpdate(
            db.client(), "update catalog_pull_request set proposal = #{p} where number = #{n}")
        .execute(Map.of("n", number, "p", proposal))
        .map(r -> r.rowCount() > 0);
  }

  @Override
  public Uni<List<StoredProposal>> proposals(int beforeNumber, int limit, String state) {
    Map<String, Object> p = new HashMap<>();
    p.put("before", beforeNumber);
    p.put("limit", limit);
    p.put("state", state == null ? "" : state);
    return SqlTemplate.forQuery(
            db.client(),
            "select "
                + COLUMNS
                + ", proposal from catalog_pull_request where kind = 'bot' and number < #{before}"
                + " and (#{state} = '' or state = #{state}) order by number desc limit #{limit}")
        .execute(p)
        .map(
            rows -> {
              List<StoredProposal> out = new ArrayList<>();
              for (Row r : rows) {
                out.add(new StoredProposal(record(r), r.getString("proposal")));
              }
              return out;
            });
  }

  private Uni<List<PullRequestRecord>> rows(String sql, Map<String, Object> params) {
    return SqlTemplate.forQuery(db.client(), sql)
        .execute(params)
        .map(
            rows -> {
              List<PullRequestRecord> out = new ArrayList<>();
              for (Row r : rows) {
                out.add(record(r));
              }
              return out;
            });
  }

  private static PullRequestRecord record(Row r) {
    return new PullRequestRecord(
        r.getInteger("number"),
        r.getString("entry_id"),
        r.getString("branch"),
        r.getString("title"),
        r.getString("url"),
        r.getString("state"),
        r.getString("head_commit"),
        r.getString("kind"),
        SqliteTime.parse(r.getString("created_at")),
        SqliteTime.parse(r.getString("updated_at")));
  }
}
