package dev.modelmanager.weights.store;

import static dev.modelmanager.weights.store.Times.odt;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.time.Instant;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;

/** Native SQL over {@code deployment_usage}: one row per deployment, not worth an entity. */
@ApplicationScoped
@Typed(PostgresDeploymentUsageStore.class)
@WithSession
public class PostgresDeploymentUsageStore implements DeploymentUsageStore {
  @Override
  public Uni<Void> use(String deployment, String location, String repo, String commit, Instant at) {
    return Panache.getSession()
        .chain(
            s ->
                update(
                    s.createNativeQuery(
                        "insert into {h-schema}deployment_usage"
                            + "(deployment, location, repo, commit_sha, updated_at)"
                            + " values (:deployment, :location, :repo, :commit, :at)"
                            + " on conflict (deployment) do update set location = excluded.location,"
                            + " repo = excluded.repo, commit_sha = excluded.commit_sha,"
                            + " updated_at = excluded.updated_at"
                            + " where deployment_usage.updated_at <= excluded.updated_at"),
                    deployment,
                    location,
                    repo,
                    commit,
                    at))
        .replaceWithVoid();
  }

  @Override
  public Uni<Void> release(
      String deployment, String location, String repo, String commit, Instant at) {
    return Panache.getSession()
        .chain(
            s ->
                update(
                    s.createNativeQuery(
                        "delete from {h-schema}deployment_usage where deployment = :deployment"
                            + " and location = :location and repo = :repo and commit_sha = :commit"
                            + " and updated_at <= :at"),
                    deployment,
                    location,
                    repo,
                    commit,
                    at))
        .replaceWithVoid();
  }

  @Override
  public Uni<List<String>> usedBy(String location, String repo, String commit) {
    return Panache.getSession()
        .chain(
            s ->
                s.createNativeQuery(
                        "select deployment from {h-schema}deployment_usage where location ="
                            + " :location and repo = :repo and commit_sha = :commit"
                            + " order by deployment",
                        String.class)
                    .setParameter("location", location)
                    .setParameter("repo", repo)
                    .setParameter("commit", commit)
                    .getResultList());
  }

  private static Uni<Integer> update(
      Mutiny.MutationQuery query,
      String deployment,
      String location,
      String repo,
      String commit,
      Instant at) {
    return query
        .setParameter("deployment", deployment)
        .setParameter("location", location)
        .setParameter("repo", repo)
        .setParameter("commit", commit)
        .setParameter("at", odt(at))
        .executeUpdate();
  }
}
