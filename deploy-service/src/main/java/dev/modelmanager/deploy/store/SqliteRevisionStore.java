package dev.modelmanager.deploy.store;

import dev.modelmanager.deploy.domain.DeactivateMode;
import dev.modelmanager.deploy.domain.Revision;
import dev.modelmanager.deploy.domain.RevisionAction;
import dev.modelmanager.deploy.domain.RevisionState;
import dev.modelmanager.deploy.domain.StateChange;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * SqlTemplate adapter over the local SQLite file; joins the caller's transaction when there is one.
 */
@ApplicationScoped
@Typed(SqliteRevisionStore.class)
public class SqliteRevisionStore implements RevisionStore {
  private static final String COLUMNS =
      "id, deployment, number, action, entry_id, catalog_commit, model_repo, model_commit,"
          + " weights_location, strategy, deactivate_mode, rollback_of, auto_rollback, manifest,"
          + " diff_patch, diff_yaml, actor, reason, state, state_reason, created_at";

  private final SqliteDatabase db;

  SqliteRevisionStore(SqliteDatabase db) {
    this.db = db;
  }

  @Override
  public Uni<Void> insert(Revision r) {
    String id = PostgresRevisionStore.id(r.deployment(), r.number());
    Map<String, Object> p = new HashMap<>();
    p.put("id", id);
    p.put("deployment", r.deployment());
    p.put("number", r.number());
    p.put("action", r.action().name());
    p.put("entry_id", r.entryId());
    p.put("catalog_commit", r.catalogCommit());
    p.put("model_repo", r.modelRepo());
    p.put("model_commit", r.modelCommit());
    p.put("weights_location", r.weightsLocation());
    p.put("strategy", r.strategy());
    p.put("deactivate_mode", r.deactivateMode() == null ? null : r.deactivateMode().name());
    p.put("rollback_of", r.rollbackOf());
    p.put("auto_rollback", r.autoRollback() ? 1 : 0);
    p.put("manifest", r.manifest());
    p.put("diff_patch", r.diffPatch());
    p.put("diff_yaml", r.diffYaml());
    p.put("actor", r.actor());
    p.put("reason", r.reason());
    p.put("state", r.state().name());
    p.put("state_reason", r.stateReason());
    p.put("created_at", SqliteTime.format(r.createdAt()));
    String values = "#{" + COLUMNS.replace(" ", "").replace(",", "}, #{") + "}";
    Uni<Void> chain =
        SqlTemplate.forUpdate(
                db.client(),
                "insert into revision("
                    + COLUMNS
                    + ") values ("
                    + values
                    + ")"
                    + " on conflict(deployment, number) do nothing")
            .execute(p)
            .chain(
                result ->
                    result.rowCount() == 0
                        ? Uni.createFrom().failure(new RevisionExists(r.deployment(), r.number()))
                        : Uni.createFrom().voidItem());
    for (StateChange s : r.states()) {
      chain = chain.chain(() -> appendState(id, s.state(), s.reason(), s.at()));
    }
    return chain;
  }

  @Override
  public Uni<Void> moveTo(
      String deployment, int number, RevisionState state, String reason, Instant at) {
    String id = PostgresRevisionStore.id(deployment, number);
    Map<String, Object> p = new HashMap<>();
    p.put("id", id);
    p.put("state", state.name());
    p.put("reason", reason);
    return SqlTemplate.forUpdate(
            db.client(),
            "update revision set state = #{state}, state_reason = #{reason} where id = #{id}")
        .execute(p)
        .chain(() -> appendState(id, state, reason, at));
  }

  private Uni<Void> appendState(String id, RevisionState state, String reason, Instant at) {
    Map<String, Object> p = new HashMap<>();
    p.put("id", UUID.randomUUID().toString());
    p.put("revision", id);
    p.put("state", state.name());
    p.put("reason", reason);
    p.put("at", SqliteTime.format(at));
    return SqlTemplate.forUpdate(
            db.client(),
            "insert into revision_state(id, revision_id, state, reason, at)"
                + " values (#{id}, #{revision}, #{state}, #{reason}, #{at})")
        .execute(p)
        .replaceWithVoid();
  }

  @Override
  public Uni<Optional<Revision>> find(String deployment, int number) {
    return revisions(
            "select " + COLUMNS + " from revision where id = #{id}",
            Map.of("id", PostgresRevisionStore.id(deployment, number)))
        .map(l -> l.stream().findFirst());
  }

  @Override
  public Uni<Optional<Revision>> latest(String deployment) {
    return page(deployment, null, 1).map(l -> l.stream().findFirst());
  }

  @Override
  public Uni<List<Revision>> page(String deployment, Integer beforeNumber, int limit) {
    Map<String, Object> p = new HashMap<>();
    p.put("deployment", deployment);
    p.put("before", beforeNumber == null ? Integer.MAX_VALUE : beforeNumber);
    p.put("limit", limit);
    return revisions(
        "select "
            + COLUMNS
            + " from revision where deployment = #{deployment} and number < #{before}"
            + " order by number desc limit #{limit}",
        p);
  }

  @Override
  public Uni<List<Revision>> inFlight() {
    return revisions(
        "select "
            + COLUMNS
            + " from revision where state in ('PENDING', 'APPLIED', 'PROGRESSING')"
            + " order by created_at, deployment, number",
        Map.of());
  }

  @Override
  public Uni<List<String>> deployments(String afterName, int limit) {
    Map<String, Object> p = new HashMap<>();
    p.put("after", afterName == null ? "" : afterName);
    p.put("limit", limit);
    return SqlTemplate.forQuery(
            db.client(),
            "select distinct deployment from revision where deployment > #{after}"
                + " order by deployment limit #{limit}")
        .execute(p)
        .map(
            rows -> {
              List<String> out = new ArrayList<>();
              for (Row r : rows) {
                out.add(r.getString("deployment"));
              }
              return out;
            });
  }

  private Uni<List<Revision>> revisions(String sql, Map<String, Object> params) {
    return SqlTemplate.forQuery(db.client(), sql)
        .execute(params)
        .chain(
            rows -> {
              Map<String, Row> byId = new LinkedHashMap<>();
              for (Row r : rows) {
                byId.put(r.getString("id"), r);
              }
              return states(byId.keySet())
                  .map(
                      states ->
                          byId.values().stream()
                              .map(
                                  r ->
                                      toRevision(
                                          r, states.getOrDefault(r.getString("id"), List.of())))
                              .toList());
            });
  }

  private Uni<Map<String, List<StateChange>>> states(java.util.Collection<String> ids) {
    if (ids.isEmpty()) {
      return Uni.createFrom().item(Map.of());
    }
    Map<String, Object> p = new HashMap<>();
    List<String> names = new ArrayList<>();
    int i = 0;
    for (String id : ids) {
      p.put("id" + i, id);
      names.add("#{id" + i + "}");
      i++;
    }
    return SqlTemplate.forQuery(
            db.client(),
            "select revision_id, state, reason, at from revision_state where revision_id in ("
                + String.join(", ", names)
                + ") order by at")
        .execute(p)
        .map(
            rows -> {
              Map<String, List<StateChange>> out = new HashMap<>();
              for (Row r : rows) {
                out.computeIfAbsent(r.getString("revision_id"), k -> new ArrayList<>())
                    .add(
                        new StateChange(
                            RevisionState.valueOf(r.getString("state")),
                            r.getString("reason"),
                            SqliteTime.parse(r.getString("at"))));
              }
              return out;
            });
  }

  private static Revision toRevision(Row r, List<StateChange> states) {
    String mode = r.getString("deactivate_mode");
    return new Revision(
        r.getString("deployment"),
        r.getInteger("number"),
        RevisionAction.valueOf(r.getString("action")),
        r.getString("entry_id"),
        r.getString("catalog_commit"),
        r.getString("model_repo"),
        r.getString("model_commit"),
        r.getString("weights_location"),
        r.getString("strategy"),
        mode == null ? null : DeactivateMode.valueOf(mode),
        r.getInteger("rollback_of"),
        r.getInteger("auto_rollback") == 1,
        r.getString("manifest"),
        r.getString("diff_patch"),
        r.getString("diff_yaml"),
        r.getString("actor"),
        r.getString("reason"),
        RevisionState.valueOf(r.getString("state")),
        r.getString("state_reason"),
        SqliteTime.parse(r.getString("created_at")),
        states);
  }
}
