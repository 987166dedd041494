package dev.modelmanager.gateway.store;

import dev.modelmanager.gateway.domain.LoggedEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Hibernate Reactive Panache adapter; joins the caller's session and transaction. */
@ApplicationScoped
@Typed(PostgresEventLogStore.class)
@WithSession
public class PostgresEventLogStore implements EventLogStore {

  @Override
  public Uni<Void> append(LoggedEvent event) {
    EventLogEntity e = new EventLogEntity();
    e.eventId = event.id();
    e.type = event.type();
    e.source = event.source();
    e.subject = event.subject();
    e.time = event.time() == null ? null : event.time().atOffset(ZoneOffset.UTC);
    e.topic = event.topic();
    e.data = event.data();
    e.receivedAt = event.receivedAt().atOffset(ZoneOffset.UTC);
    return e.persist().replaceWithVoid();
  }

  @Override
  public Uni<List<LoggedEvent>> newestFirst(Long beforeSeq, String type, int limit) {
    List<String> where = new ArrayList<>();
    Parameters params = new Parameters();
    if (beforeSeq != null) {
      where.add("seq < :before");
      params.and("before", beforeSeq);
    }
    if (type != null) {
      where.add("type = :type");
      params.and("type", type);
    }
    Sort newest = Sort.descending("seq");
    var query =
        where.isEmpty()
            ? EventLogEntity.<EventLogEntity>findAll(newest)
            : EventLogEntity.<EventLogEntity>find(String.join(" and ", where), newest, params);
    return query
        .page(0, limit)
        .list()
        .map(rows -> rows.stream().map(PostgresEventLogStore::toEvent).toList());
  }

  @Override
  public Uni<Integer> deleteReceivedBefore(java.time.Instant cutoff) {
    return Panache.withTransaction(
            () ->
                EventLogEntity.delete("receivedAt < ?1", cutoff.atOffset(java.time.ZoneOffset.UTC)))
        .map(Long::intValue);
  }

  private static LoggedEvent toEvent(EventLogEntity e) {
    return new LoggedEvent(
        e.seq,
        e.eventId,
        e.type,
        e.source,
        e.subject,
        toInstant(e.time),
        e.topic,
        e.data,
        toInstant(e.receivedAt));
  }

  private static java.time.Instant toInstant(OffsetDateTime t) {
    return t == null ? null : t.toInstant();
  }
}
