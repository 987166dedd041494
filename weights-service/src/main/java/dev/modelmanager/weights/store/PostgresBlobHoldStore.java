package dev.modelmanager.weights.store;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/** Native SQL over {@code blob_hold}; holds are rows, not entities worth mapping. */
@ApplicationScoped
@Typed(PostgresBlobHoldStore.class)
@WithSession
public class PostgresBlobHoldStore implements BlobHoldStore {
  @Override
  public Uni<Void> hold(UUID job, String location, String repo, Collection<String> blobs) {
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (String blob : blobs) {
      chain =
          chain.chain(
              () ->
                  Panache.getSession()
                      .chain(
                          s ->
                              s.createNativeQuery(
                                      "insert into {h-schema}blob_hold(job_id, location, repo, blob)"
                                          + " values (:job, :location, :repo, :blob)"
                                          + " on conflict do nothing")
                                  .setParameter("job", job)
                                  .setParameter("location", location)
                                  .setParameter("repo", repo)
                                  .setParameter("blob", blob)
                                  .executeUpdate())
                      .replaceWithVoid());
    }
    return chain;
  }

  @Override
  public Uni<Void> release(UUID job) {
    return Panache.getSession()
        .chain(
            s ->
                s.createNativeQuery("delete from {h-schema}blob_hold where job_id = :job")
                    .setParameter("job", job)
                    .executeUpdate())
        .replaceWithVoid();
  }

  @Override
  public Uni<Set<String>> held(String location, String repo) {
    return Panache.getSession()
        .chain(
            s ->
                s.createNativeQuery(
                        "select distinct blob from {h-schema}blob_hold"
                            + " where location = :location and repo = :repo",
                        String.class)
                    .setParameter("location", location)
                    .setParameter("repo", repo)
                    .getResultList())
        .map(HashSet::new);
  }
}
