package dev.modelmanager.kit.events;

import dev.modelmanager.kit.config.KitConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlResult;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Typed;
import java.time.Instant;
import java.time.ZoneOffset;

@ApplicationScoped
@Typed(PostgresProcessedEvents.class)
public class PostgresProcessedEvents implements ProcessedEvents {
  // Native SQL does not get Hibernate's default schema: name the service's schema explicitly.
  private final String table;

  private final Instance<Pool> pool;

  PostgresProcessedEvents(KitConfig config, Instance<Pool> pool) {
    this.table = config.schema() + ".processed_event";
    this.pool = pool;
  }

  @Override
  public Uni<Boolean> firstDelivery(String consumer, String eventId) {
    return Panache.getSession()
        .chain(
            s ->
                s.createNativeQuery(
                        "insert into "
                            + table
                            + "(consumer, event_id, processed_at)"
                            + " values (?1, ?2, now()) on conflict do nothing")
                    .setParameter(1, consumer)
                    .setParameter(2, eventId)
                    .executeUpdate())
        .map(n -> n == 1);
  }

  @Override
  public Uni<Integer> deleteProcessedBefore(Instant cutoff) {
    // Outside any use case's session: straight on the reactive pool.
    return pool.get()
        .preparedQuery("delete from " + table + " where processed_at < $1")
        .execute(Tuple.of(cutoff.atOffset(ZoneOffset.UTC)))
        .map(SqlResult::rowCount);
  }
}
