package dev.modelmanager.gateway.store;

import dev.modelmanager.gateway.domain.ApiToken;
import dev.modelmanager.kit.store.SqliteDatabase;
import dev.modelmanager.kit.store.SqliteTime;
import dev.modelmanager.model.security.Role;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.templates.SqlTemplate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** SqlTemplate adapter over the local SQLite file. */
@ApplicationScoped
@Typed(SqliteApiTokenStore.class)
public class SqliteApiTokenStore implements ApiTokenStore {
  private static final String COLUMNS =
      "id, name, prefix, hash, owner_subject, owner_name, role, scopes, created_by, created_at,"
          + " expires_at, last_used_at, revoked_at";

  private final SqliteDatabase db;

  SqliteApiTokenStore(SqliteDatabase db) {
    this.db = db;
  }

  @Override
  public Uni<Void> insert(ApiToken token) {
    return insert(db.client(), token);
  }

  @Override
  public Uni<Optional<ApiToken>> findByHash(String hash) {
    return one("hash = #{v}", hash);
  }

  @Override
  public Uni<Optional<ApiToken>> findById(String id) {
    return one("id = #{v}", id);
  }

  @Override
  public Uni<List<ApiToken>> list(String ownerSubject) {
    Map<String, Object> p = new HashMap<>();
    String where = "";
    if (ownerSubject != null) {
      where = " where owner_subject = #{owner}";
      p.put("owner", ownerSubject);
    }
    return SqlTemplate.forQuery(
            db.client(),
            "select " + COLUMNS + " from api_token" + where + " order by created_at desc, id")
        .execute(p)
        .map(SqliteApiTokenStore::toTokens);
  }

  @Override
  public Uni<Boolean> revoke(String id, Instant at) {
    return SqlTemplate.forUpdate(
            db.client(),
            "update api_token set revoked_at = #{at} where id = #{id} and revoked_at is null")
        .execute(Map.of("at", SqliteTime.format(at), "id", id))
        .map(r -> r.rowCount() > 0);
  }

  @Override
  public Uni<Void> rotate(String oldId, Instant oldEndsAt, ApiToken replacement) {
    return db.inTransaction(
        conn ->
            SqlTemplate.forUpdate(
                    conn,
                    "update api_token set expires_at = #{ends} where id = #{id}"
                        + " and (expires_at is null or expires_at > #{ends})")
                .execute(Map.of("ends", SqliteTime.format(oldEndsAt), "id", oldId))
                .chain(() -> insert(conn, replacement)));
  }

  @Override
  public Uni<Void> touch(String id, Instant at) {
    return SqlTemplate.forUpdate(
            db.client(), "update api_token set last_used_at = #{at} where id = #{id}")
        .execute(Map.of("at", SqliteTime.format(at), "id", id))
        .replaceWithVoid();
  }

  private Uni<Void> insert(SqlClient client, ApiToken t) {
    Map<String, Object> p = new HashMap<>();
    p.put("id", t.id());
    p.put("name", t.name());
    p.put("prefix", t.prefix());
    p.put("hash", t.hash());
    p.put("owner", t.ownerSubject());
    p.put("ownerName", t.ownerName());
    p.put("role", t.role().id());
    p.put("scopes", String.join(" ", t.scopes().stream().sorted().toList()));
    p.put("createdBy", t.createdBy());
    p.put("createdAt", SqliteTime.format(t.createdAt()));
    p.put("expiresAt", format(t.expiresAt()));
    p.put("lastUsedAt", format(t.lastUsedAt()));
    p.put("revokedAt", format(t.revokedAt()));
    return SqlTemplate.forUpdate(
            client,
            "insert into api_token("
                + COLUMNS
                + ") values (#{id}, #{name}, #{prefix}, #{hash}, #{owner}, #{ownerName}, #{role},"
                + " #{scopes}, #{createdBy}, #{createdAt}, #{expiresAt}, #{lastUsedAt},"
                + " #{revokedAt})")
        .execute(p)
        .replaceWithVoid();
  }

  private Uni<Optional<ApiToken>> one(String where, String value) {
    return SqlTemplate.forQuery(db.client(), "select " + COLUMNS + " from api_token where " + where)
        .execute(Map.of("v", value))
        .map(rows -> toTokens(rows).stream().findFirst());
  }

  private static List<ApiToken> toTokens(RowSet<Row> rows) {
    List<ApiToken> out = new ArrayList<>();
    for (Row r : rows) {
      out.add(
          new ApiToken(
              r.getString("id"),
              r.getString("name"),
              r.getString("prefix"),
              r.getString("hash"),
              r.getString("owner_subject"),
              r.getString("owner_name"),
              Role.of(r.getString("role")).orElse(Role.VIEWER),
              Arrays.stream(r.getString("scopes").split(" "))
                  .filter(s -> !s.isEmpty())
                  .collect(Collectors.toSet()),
              r.getString("created_by"),
              parse(r.getString("created_at")),
              parse(r.getString("expires_at")),
              parse(r.getString("last_used_at")),
              parse(r.getString("revoked_at"))));
    }
    return out;
  }

  private static String format(Instant t) {
    return t == null ? null : SqliteTime.format(t);
  }

  private static Instant parse(String t) {
    return t == null ? null : SqliteTime.parse(t);
  }
}
