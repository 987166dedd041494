package dev.modelmanager.weights.store;

import dev.modelmanager.kit.store.SqliteDatabase;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.templates.SqlTemplate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

@ApplicationScoped
@Typed(SqlitePartStore.class)
public class SqlitePartStore implements PartStore {
  private final SqliteDatabase db;

  SqlitePartStore(SqliteDatabase db) {
    this.db = db;
  }

  @Override
  public Uni<Set<Integer>> done(String location, String blob) {
    return SqlTemplate.forQuery(
            db.client(),
            "select part_index from blob_part where location = #{location} and blob = #{blob}")
        .execute(Map.of("location", location, "blob", blob))
        .map(
            rows -> {
              Set<Integer> out = new HashSet<>();
              rows.forEach(r -> out.add(r.getInteger("part_index")));
              return out;
            });
  }

  @Override
  public Uni<Void> markDone(String location, String blob, int index) {
    return SqlTemplate.forUpdate(
            db.client(),
            "insert or ignore into blob_part(id, location, blob, part_index)"
                + " values (#{id}, #{location}, #{blob}, #{index})")
        .execute(
            Map.of(
                "id", location + "/" + blob + "/" + index,
                "location", location,
                "blob", blob,
                "index", index))
        .replaceWithVoid();
  }

  @Override
  public Uni<Void> clear(String location, String blob) {
    return SqlTemplate.forUpdate(
            db.client(), "delete from blob_part where location = #{location} and blob = #{blob}")
        .execute(Map.of("location", location, "blob", blob))
        .replaceWithVoid();
  }
}
