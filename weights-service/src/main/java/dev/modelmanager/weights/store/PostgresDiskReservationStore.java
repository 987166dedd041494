package dev.modelmanager.weights.store;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Native SQL over {@code disk_reservation}; admissions of one location serialize on a
 * transaction-scoped advisory lock, so concurrent replicas see each other's reservations.
 */
@ApplicationScoped
@Typed(PostgresDiskReservationStore.class)
@WithSession
public class PostgresDiskReservationStore implements DiskReservationStore {
  private static final String OPEN_OTHERS =
      "select cast(coalesce(sum(r.bytes), 0) as bigint) from {h-schema}disk_reservation r"
          + " join {h-schema}install_job j on j.id = r.job_id"
          + " where r.location = :location and r.job_id <> :job"
          + " and j.state not in ('SUCCEEDED', 'FAILED', 'CANCELLED')";

  @Override
  public Uni<Admission> reserve(String location, UUID job, long bytes, long availableBytes) {
    return Panache.getSession()
        .chain(
            s ->
                s.createNativeQuery(
                        "select count(*) from (select pg_advisory_xact_lock("
                            + "hashtext('mm.weights.disk_reservation/' || :location))) l",
                        Long.class)
                    .setParameter("location", location)
                    .getSingleResult()
                    .chain(() -> others(s, location, job))
                    .chain(
                        others -> {
                          if (others + bytes > availableBytes) {
                            return Uni.createFrom().item(new Admission(false, others));
                          }
                          return s.createNativeQuery(
                                  "insert into {h-schema}disk_reservation(job_id, location, bytes)"
                                      + " values (:job, :location, :bytes)"
                                      + " on conflict (job_id) do update"
                                      + " set location = excluded.location, bytes = excluded.bytes")
                              .setParameter("job", job)
                              .setParameter("location", location)
                              .setParameter("bytes", bytes)
                              .executeUpdate()
                              .replaceWith(new Admission(true, others));
                        }));
  }

  @Override
  public Uni<Void> release(UUID job) {
    return Panache.getSession()
        .chain(
            s ->
                s.createNativeQuery("delete from {h-schema}disk_reservation where job_id = :job")
                    .setParameter("job", job)
                    .executeUpdate())
        .replaceWithVoid();
  }

  @Override
  public Uni<Long> reserved(String location) {
    return Panache.getSession().chain(s -> others(s, location, new UUID(0, 0)));
  }

  private static Uni<Long> others(Mutiny.Session s, String location, UUID job) {
    return s.createNativeQuery(OPEN_OTHERS, Long.class)
        .setParameter("location", location)
        .setParameter("job", job)
        .getSingleResult();
  }
}
