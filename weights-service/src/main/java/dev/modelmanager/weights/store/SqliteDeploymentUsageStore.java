package dev.modelmanager.weights.store;

import dev.modelmanager.kit.store.SqliteDatabase;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.templates.SqlTemplate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** SqlTemplate adapter of {@code deployment_usage}; times are fixed-width text, so they order. */
@ApplicationScoped
@Typed(SqliteDeploymentUsageStore.class)
public class SqliteDeploymentUsageStore implements DeploymentUsageStore {
  private final SqliteDatabase db;

  SqliteDeploymentUsageStore(SqliteDatabase db) {
    this.db = db;
  }

  @Override
  public Uni<Void> use(String deployment, String location, String repo, String commit, Instant at) {
    return SqlTemplate.forUpdate(
            db.client(),
            "insert into deployment_usage(deployment, location, repo, commit_sha, updated_at)"
                + " values (#{deployment}, #{location}, #{repo}, #{commit}, #{at})"
                + " on conflict (deployment) do update set location = excluded.location,"
                + " repo = excluded.repo, commit_sha = excluded.commit_sha,"
                + " updated_at = excluded.updated_at"
                + " where deployment_usage.updated_at <= excluded.updated_at")
        .execute(row(deployment, location, repo, commit, at))
        .replaceWithVoid();
  }

  @Override
  public Uni<Void> release(
      String deployment, String location, String repo, String commit, Instant at) {
    return SqlTemplate.forUpdate(
            db.client(),
            "delete from deployment_usage where deployment = #{deployment}"
                + " and location = #{location} and repo = #{repo} and commit_sha = #{commit}"
                + " and updated_at <= #{at}")
        .execute(row(deployment, location, repo, commit, at))
        .replaceWithVoid();
  }

  @Override
  public Uni<List<String>> usedBy(String location, String repo, String commit) {
    return SqlTemplate.forQuery(
            db.client(),
            "select deployment from deployment_usage where location = #{location}"
                + " and repo = #{repo} and commit_sha = #{commit} order by deployment")
        .execute(Map.of("location", location, "repo", repo, "commit", commit))
        .map(
            rows -> {
              List<String> out = new ArrayList<>();
              rows.forEach(r -> out.add(r.getString("deployment")));
              return out;
            });
  }

  private static Map<String, Object> row(
      String deployment, String location, String repo, String commit, Instant at) {
    return Map.of(
        "deployment",
        deployment,
        "location",
        location,
        "repo",
        repo,
        "commit",
        commit,
        "at",
        Times.text(at));
  }
}
