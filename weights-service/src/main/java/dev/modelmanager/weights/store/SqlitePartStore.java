package dev.modelmanager.weights.store;

import dev.modelmanager.kit.store.SqliteDatabase;
import dev.modelmanager.weights.domain.ByteRange;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.templates.SqlTemplate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

@ApplicationScoped
@Typed(SqlitePartStore.class)
public class SqlitePartStore implements PartStore {
  private final SqliteDatabase db;

  SqlitePartStore(SqliteDatabase db) {
    this.db = db;
  }

  @Override
  public Uni<List<ByteRange>> done(String location, String blob) {
    return SqlTemplate.forQuery(
            db.client(),
            "select range_start, range_end from blob_range"
                + " where location = #{location} and blob = #{blob}")
        .execute(Map.of("location", location, "blob", blob))
        .map(
            rows -> {
              List<ByteRange> out = new ArrayList<>();
              rows.forEach(
                  r -> out.add(new ByteRange(r.getLong("range_start"), r.getLong("range_end"))));
              return out;
            });
  }

  @Override
  public Uni<Void> markDone(String location, String blob, ByteRange range) {
    return SqlTemplate.forUpdate(
            db.client(),
            "insert or ignore into blob_range(id, location, blob, range_start, range_end)"
                + " values (#{id}, #{location}, #{blob}, #{start}, #{end})")
        .execute(
            Map.of(
                "id", PartStore.id(location, blob, range),
                "location", location,
                "blob", blob,
                "start", range.start(),
                "end", range.end()))
        .replaceWithVoid();
  }

  @Override
  public Uni<Void> clear(String location, String blob) {
    return SqlTemplate.forUpdate(
            db.client(), "delete from blob_range where location = #{location} and blob = #{blob}")
        .execute(Map.of("location", location, "blob", blob))
        .replaceWithVoid();
  }
}
