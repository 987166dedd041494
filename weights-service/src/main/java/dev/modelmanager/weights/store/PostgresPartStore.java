package dev.modelmanager.weights.store;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.util.HashSet;
import java.util.Set;

@ApplicationScoped
@Typed(PostgresPartStore.class)
@WithSession
public class PostgresPartStore implements PartStore {
  @Override
  public Uni<Set<Integer>> done(String location, String blob) {
    return BlobPartEntity.<BlobPartEntity>list("location = ?1 and blob = ?2", location, blob)
        .map(
            l -> {
              Set<Integer> out = new HashSet<>();
              l.forEach(p -> out.add(p.partIndex));
              return out;
            });
  }

  @Override
  public Uni<Void> markDone(String location, String blob, int index) {
    String id = location + "/" + blob + "/" + index;
    return Panache.withTransaction(
        () ->
            BlobPartEntity.<BlobPartEntity>findById(id)
                .chain(
                    existing -> {
                      if (existing != null) {
                        return Uni.createFrom().voidItem();
                      }
                      BlobPartEntity e = new BlobPartEntity();
                      e.id = id;
                      e.location = location;
                      e.blob = blob;
                      e.partIndex = index;
                      return e.persist().replaceWithVoid();
                    }));
  }

  @Override
  public Uni<Void> clear(String location, String blob) {
    return Panache.withTransaction(
        () ->
            BlobPartEntity.delete("location = ?1 and blob = ?2", location, blob).replaceWithVoid());
  }
}
