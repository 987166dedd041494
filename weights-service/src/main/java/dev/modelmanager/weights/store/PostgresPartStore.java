package dev.modelmanager.weights.store;

import dev.modelmanager.weights.domain.ByteRange;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.util.List;

@ApplicationScoped
@Typed(PostgresPartStore.class)
@WithSession
public class PostgresPartStore implements PartStore {
  @Override
  public Uni<List<ByteRange>> done(String location, String blob) {
    return BlobRangeEntity.<BlobRangeEntity>list("location = ?1 and blob = ?2", location, blob)
        .map(l -> l.stream().map(e -> new ByteRange(e.rangeStart, e.rangeEnd)).toList());
  }

  /**
   * Records a written range once. Two jobs on two replicas may write the same blob (repositories
   * share files by content), so the row is inserted with {@code on conflict do nothing}: a read
   * then insert would race and fail one of the jobs.
   */
  @Override
  public Uni<Void> markDone(String location, String blob, ByteRange range) {
    return Panache.withTransaction(
        () ->
            Panache.getSession()
                .chain(
                    s ->
                        s.createNativeQuery(
                                "insert into {h-schema}blob_range"
                                    + "(id, location, blob, range_start, range_end)"
                                    + " values (:id, :location, :blob, :start, :end)"
                                    + " on conflict (id) do nothing")
                            .setParameter("id", PartStore.id(location, blob, range))
                            .setParameter("location", location)
                            .setParameter("blob", blob)
                            .setParameter("start", range.start())
                            .setParameter("end", range.end())
                            .executeUpdate())
                .replaceWithVoid());
  }

  @Override
  public Uni<Void> clear(String location, String blob) {
    return Panache.withTransaction(
        () ->
            BlobRangeEntity.delete("location = ?1 and blob = ?2", location, blob)
                .replaceWithVoid());
  }
}
