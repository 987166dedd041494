package dev.modelmanager.discovery.store;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.time.Duration;

/**
 * A lease row per job, taken by one atomic upsert: a concurrent taker waits on the row lock, then
 * re-checks the condition against the winner's row and takes nothing. The database's clock judges
 * time: replicas' clocks may disagree.
 */
@ApplicationScoped
@Typed(PostgresRefreshLease.class)
public class PostgresRefreshLease implements RefreshLease {
  private static final String TAKE =
      "insert into {h-schema}refresh_lease as l (name, holder, started_at, locked_until)"
          + " values (:name, :holder, clock_timestamp(),"
          + " clock_timestamp() + (:hold * interval '1 millisecond'))"
          + " on conflict (name) do update set holder = excluded.holder,"
          + " started_at = excluded.started_at, locked_until = excluded.locked_until"
          + " where l.locked_until < clock_timestamp()"
          + " and l.started_at <= clock_timestamp() - (:gap * interval '1 millisecond')";

  private static final String GIVE_UP =
      "update {h-schema}refresh_lease set locked_until = clock_timestamp()"
          + " where name = :name and holder = :holder";

  @Override
  public Uni<Boolean> tryAcquire(String name, String holder, Duration hold, Duration minGap) {
    return Panache.withTransaction(
        () ->
            Panache.getSession()
                .chain(
                    s ->
                        s.createNativeQuery(TAKE)
                            .setParameter("name", name)
                            .setParameter("holder", holder)
                            .setParameter("hold", hold.toMillis())
                            .setParameter("gap", minGap.toMillis())
                            .executeUpdate())
                .map(n -> n == 1));
  }

  @Override
  public Uni<Void> release(String name, String holder) {
    return Panache.withTransaction(
        () ->
            Panache.getSession()
                .chain(
                    s ->
                        s.createNativeQuery(GIVE_UP)
                            .setParameter("name", name)
                            .setParameter("holder", holder)
                            .executeUpdate())
                .replaceWithVoid());
  }
}
