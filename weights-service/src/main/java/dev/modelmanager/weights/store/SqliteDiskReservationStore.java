package dev.modelmanager.weights.store;

import dev.modelmanager.kit.store.SqliteDatabase;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.templates.SqlTemplate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * SqlTemplate adapter of {@code disk_reservation}: the check and the reservation are one
 * conditional statement, which SQLite runs under its single writer lock.
 */
@ApplicationScoped
@Typed(SqliteDiskReservationStore.class)
public class SqliteDiskReservationStore implements DiskReservationStore {
  private static final String OPEN_OTHERS =
      "(select coalesce(sum(r.bytes), 0) from disk_reservation r"
          + " join install_job j on j.id = r.job_id"
          + " where r.location = #{location} and r.job_id <> #{job}"
          + " and j.state not in ('SUCCEEDED', 'FAILED', 'CANCELLED'))";

  private final SqliteDatabase db;

  SqliteDiskReservationStore(SqliteDatabase db) {
    this.db = db;
  }

  @Override
  public Uni<Admission> reserve(String location, UUID job, long bytes, long availableBytes) {
    Map<String, Object> p = new HashMap<>();
    p.put("job", job.toString());
    p.put("location", location);
    p.put("bytes", bytes);
    p.put("available", availableBytes);
    return SqlTemplate.forUpdate(
            db.client(),
            "insert into disk_reservation(job_id, location, bytes)"
                + " select #{job}, #{location}, #{bytes}"
                + " where "
                + OPEN_OTHERS
                + " + #{bytes} <= #{available}"
                + " on conflict(job_id) do update"
                + " set location = excluded.location, bytes = excluded.bytes")
        .execute(p)
        .chain(r -> others(location, job.toString()).map(o -> new Admission(r.rowCount() > 0, o)));
  }

  @Override
  public Uni<Void> release(UUID job) {
    return SqlTemplate.forUpdate(db.client(), "delete from disk_reservation where job_id = #{job}")
        .execute(Map.of("job", job.toString()))
        .replaceWithVoid();
  }

  @Override
  public Uni<Long> reserved(String location) {
    return others(location, new UUID(0, 0).toString());
  }

  private Uni<Long> others(String location, String job) {
    return SqlTemplate.forQuery(db.client(), "select " + OPEN_OTHERS + " as bytes")
        .execute(Map.of("location", location, "job", job))
        .map(rows -> rows.iterator().next().getLong("bytes"));
  }
}
