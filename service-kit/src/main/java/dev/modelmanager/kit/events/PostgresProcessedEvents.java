package dev.modelmanager.kit.events;

import dev.modelmanager.kit.config.KitConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

@ApplicationScoped
@Typed(PostgresProcessedEvents.class)
public class PostgresProcessedEvents implements ProcessedEvents {
  // Native SQL does not get Hibernate's default schema: name the service's schema explicitly.
  private final String table;

  PostgresProcessedEvents(KitConfig config) {
    this.table = config.schema() + ".processed_event";
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
}
