package dev.modelmanager.weights.store;

import dev.modelmanager.kit.store.SqliteDatabase;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.templates.SqlTemplate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** SqlTemplate adapter of {@code blob_hold}. */
@ApplicationScoped
@Typed(SqliteBlobHoldStore.class)
public class SqliteBlobHoldStore implements BlobHoldStore {
  private final SqliteDatabase db;

  SqliteBlobHoldStore(SqliteDatabase db) {
    this.db = db;
  }

  @Override
  public Uni<Void> hold(UUID job, String location, String repo, Collection<String> blobs) {
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (String blob : blobs) {
      chain =
          chain.chain(
              () ->
                  SqlTemplate.forUpdate(
                          db.client(),
                          "insert or ignore into blob_hold(job_id, location, repo, blob)"
                              + " values (#{job}, #{location}, #{repo}, #{blob})")
                      .execute(
                          Map.of(
                              "job", job.toString(),
                              "location", location,
                              "repo", repo,
                              "blob", blob))
                      .replaceWithVoid());
    }
    return chain;
  }

  @Override
  public Uni<Void> release(UUID job) {
    return SqlTemplate.forUpdate(db.client(), "delete from blob_hold where job_id = #{job}")
        .execute(Map.of("job", job.toString()))
        .replaceWithVoid();
  }

  @Override
  public Uni<Set<String>> held(String location, String repo) {
    return SqlTemplate.forQuery(
            db.client(),
            "select distinct blob from blob_hold where location = #{location} and repo = #{repo}")
        .execute(Map.of("location", location, "repo", repo))
        .map(
            rows -> {
              Set<String> out = new HashSet<>();
              rows.forEach(r -> out.add(r.getString("blob")));
              return out;
            });
  }
}
