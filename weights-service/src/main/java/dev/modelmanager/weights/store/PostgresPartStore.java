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

  @Override
  public Uni<Void> markDone(String location, String blob, ByteRange range) {
    String id = PartStore.id(location, blob, range);
    return Panache.withTransaction(
        () ->
            BlobRangeEntity.<BlobRangeEntity>findById(id)
                .chain(
                    existing -> {
                      if (existing != null) {
                        return Uni.createFrom().voidItem();
                      }
                      BlobRangeEntity e = new BlobRangeEntity();
                      e.id = id;
                      e.location = location;
                      e.blob = blob;
                      e.rangeStart = range.start();
                      e.rangeEnd = range.end();
                      return e.persist().replaceWithVoid();
                    }));
  }

  @Override
  public Uni<Void> clear(String location, String blob) {
    return Panache.withTransaction(
        () ->
            BlobRangeEntity.delete("location = ?1 and blob = ?2", location, blob)
                .replaceWithVoid());
  }
}
