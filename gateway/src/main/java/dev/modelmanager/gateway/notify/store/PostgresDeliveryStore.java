package dev.modelmanager.gateway.notify.store;

import static dev.modelmanager.gateway.notify.store.PostgresChannelStore.at;
import static dev.modelmanager.gateway.notify.store.PostgresChannelStore.instant;

import dev.modelmanager.gateway.domain.LoggedEvent;
import dev.modelmanager.gateway.notify.domain.Delivery;
import dev.modelmanager.gateway.notify.domain.DeliveryFilter;
import dev.modelmanager.gateway.notify.domain.DeliveryStatus;
import dev.modelmanager.gateway.store.EventLogEntity;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Hibernate Reactive Panache adapter; joins the caller's session and transaction. */
@ApplicationScoped
@Typed(PostgresDeliveryStore.class)
@WithSession
public class PostgresDeliveryStore implements DeliveryStore {

  @Override
  public Uni<Boolean> enqueue(Delivery d) {
    // "on conflict do nothing": a duplicate must not abort the caller's transaction.
    return Panache.getSession()
        .chain(
            s ->
                s.createNativeQuery(
                        "insert into {h-schema}notification_delivery (id, channel_id, event_id, event_seq,"
                            + " event_type, payload, status, attempts, next_attempt_at, created_at)"
                            + " values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
                            + " on conflict (channel_id, event_id) do nothing")
                    .setParameter(1, d.id())
                    .setParameter(2, d.channelId())
                    .setParameter(3, d.eventId())
                    .setParameter(4, d.eventSeq())
                    .setParameter(5, d.eventType())
                    .setParameter(6, d.payload())
                    .setParameter(7, d.status().name())
                    .setParameter(8, d.attempts())
                    .setParameter(9, at(d.nextAttemptAt()))
                    .setParameter(10, at(d.createdAt()))
                    .executeUpdate())
        .map(n -> n > 0);
  }

  @Override
  public Uni<List<Delivery>> dueHeads(Instant now, int limit) {
    return DeliveryEntity.<DeliveryEntity>find(
            "from DeliveryEntity d where d.status = 'PENDING' and d.nextAttemptAt <= :now and"
                + " d.eventSeq = (select min(p.eventSeq) from DeliveryEntity p"
                + " where p.channelId = d.channelId and p.status = 'PENDING')"
                + " order by d.eventSeq",
            Parameters.with("now", at(now)))
        .page(0, limit)
        .list()
        .map(PostgresDeliveryStore::toDeliveries);
  }

  @Override
  public Uni<List<Delivery>> pendingAfter(String channelId, long afterEventSeq, int limit) {
    return DeliveryEntity.<DeliveryEntity>find(
            "channelId = ?1 and status = 'PENDING' and eventSeq > ?2",
            Sort.ascending("eventSeq"),
            channelId,
            afterEventSeq)
        .page(0, limit)
        .list()
        .map(PostgresDeliveryStore::toDeliveries);
  }

  @Override
  public Uni<Boolean> save(Delivery d, Delivery from) {
    // One conditional update, not read-modify-write: the row changes only if nobody moved it on.
    return Panache.withTransaction(
            () ->
                DeliveryEntity.update(
                    "status = :status, attempts = :attempts, nextAttemptAt = :next,"
                        + " lastStatus = :code, lastError = :error, latencyMs = :latency,"
                        + " deliveredAt = :delivered"
                        + " where deliveryId = :id and status = :was and attempts = :wasAttempts",
                    Parameters.with("status", d.status().name())
                        .and("attempts", d.attempts())
                        .and("next", at(d.nextAttemptAt()))
                        .and("code", d.lastStatusCode())
                        .and("error", d.lastError())
                        .and("latency", d.latencyMs())
                        .and("delivered", at(d.deliveredAt()))
                        .and("id", d.id())
                        .and("was", from.status().name())
                        .and("wasAttempts", from.attempts())))
        .map(n -> n > 0);
  }

  @Override
  public Uni<List<Delivery>> claimDigest(
      String channelId, String digestId, Instant now, Instant leaseUntil, int limit) {
    // Rows another replica is claiming right now are locked: skipped, never claimed twice.
    return Panache.getSession()
        .chain(
            s ->
                s.createNativeQuery(
                        "update {h-schema}notification_delivery set digest_id = ?1,"
                            + " next_attempt_at = ?2 where seq in (select seq from"
                            + " {h-schema}notification_delivery where channel_id = ?3 and status"
                            + " = 'PENDING' and (digest_id is null or next_attempt_at <= ?4)"
                            + " order by event_seq limit ?5 for update skip locked)")
                    .setParameter(1, digestId)
                    .setParameter(2, at(leaseUntil))
                    .setParameter(3, channelId)
                    .setParameter(4, at(now))
                    .setParameter(5, limit)
                    .executeUpdate())
        .chain(
            n ->
                DeliveryEntity.<DeliveryEntity>find(
                        "digestId = ?1 and status = 'PENDING'",
                        Sort.ascending("eventSeq"),
                        digestId)
                    .list())
        .map(PostgresDeliveryStore::toDeliveries);
  }

  @Override
  public Uni<Integer> digestDelivered(
      String digestId, Integer statusCode, long latencyMs, Instant at) {
    return Panache.withTransaction(
        () ->
            DeliveryEntity.update(
                "status = 'DELIVERED', attempts = attempts + 1, nextAttemptAt = null,"
                    + " lastStatus = :code, lastError = null, latencyMs = :latency,"
                    + " deliveredAt = :at where digestId = :digest and status = 'PENDING'",
                Parameters.with("code", statusCode)
                    .and("latency", latencyMs)
                    .and("at", at(at))
                    .and("digest", digestId)));
  }

  @Override
  public Uni<Integer> digestFailed(
      String digestId, String error, long latencyMs, Instant nextAttempt, int maxAttempts) {
    // Two updates in one transaction (a CASE would leave Postgres guessing the time's type): the
    // deliveries at their last attempt are dead-lettered, the others are due again.
    String outcome =
        " attempts = attempts + 1, digestId = null, lastStatus = null, lastError = :error,"
            + " latencyMs = :latency where digestId = :digest and status = 'PENDING'";
    return Panache.withTransaction(
        () ->
            DeliveryEntity.update(
                    "status = 'DEAD_LETTER', nextAttemptAt = null,"
                        + outcome
                        + " and attempts + 1 >= :max",
                    Parameters.with("max", maxAttempts)
                        .and("error", error)
                        .and("latency", latencyMs)
                        .and("digest", digestId))
                .chain(
                    dead ->
                        DeliveryEntity.update(
                                "nextAttemptAt = :next," + outcome,
                                Parameters.with("next", at(nextAttempt))
                                    .and("error", error)
                                    .and("latency", latencyMs)
                                    .and("digest", digestId))
                            .map(again -> dead + again)));
  }

  @Override
  public Uni<Delivery> find(String id) {
    return DeliveryEntity.<DeliveryEntity>find("deliveryId", id)
        .firstResult()
        .map(e -> e == null ? null : toDelivery(e));
  }

  @Override
  public Uni<List<Delivery>> newestFirst(DeliveryFilter f, Long beforeSeq, int limit) {
    List<String> where = new ArrayList<>();
    Parameters p = new Parameters();
    if (beforeSeq != null) {
      where.add("seq < :before");
      p.and("before", beforeSeq);
    }
    if (f.channelId() != null) {
      where.add("channelId = :channel");
      p.and("channel", f.channelId());
    }
    if (f.status() != null) {
      where.add("status = :status");
      p.and("status", f.status().name());
    }
    if (f.eventId() != null) {
      where.add("eventId = :event");
      p.and("event", f.eventId());
    }
    if (f.eventType() != null) {
      where.add("eventType = :type");
      p.and("type", f.eventType());
    }
    Sort newest = Sort.descending("seq");
    var query =
        where.isEmpty()
            ? DeliveryEntity.<DeliveryEntity>findAll(newest)
            : DeliveryEntity.<DeliveryEntity>find(String.join(" and ", where), newest, p);
    return query.page(0, limit).list().map(PostgresDeliveryStore::toDeliveries);
  }

  @Override
  public Uni<Long> cursor(String name) {
    return CursorEntity.<CursorEntity>findById(name).map(c -> c == null ? null : c.seq);
  }

  @Override
  public Uni<Void> saveCursor(String name, long seq) {
    return CursorEntity.<CursorEntity>findById(name)
        .chain(
            c -> {
              CursorEntity e = c == null ? new CursorEntity() : c;
              e.name = name;
              e.seq = seq;
              return e.persistAndFlush().replaceWithVoid();
            });
  }

  @Override
  public Uni<List<LoggedEvent>> eventsAfter(long seq, int limit) {
    return EventLogEntity.<EventLogEntity>find("seq > ?1", Sort.ascending("seq"), seq)
        .page(0, limit)
        .list()
        .map(
            rows ->
                rows.stream()
                    .map(
                        e ->
                            new LoggedEvent(
                                e.seq,
                                e.eventId,
                                e.type,
                                e.source,
                                e.subject,
                                instant(e.time),
                                e.topic,
                                e.data,
                                instant(e.receivedAt)))
                    .toList());
  }

  @Override
  public Uni<Long> lastEventSeq() {
    return Panache.getSession()
        .chain(
            s ->
                s.createSelectionQuery("select max(e.seq) from EventLogEntity e", Long.class)
                    .getSingleResultOrNull())
        .map(m -> m == null ? 0L : m);
  }

  private static List<Delivery> toDeliveries(List<DeliveryEntity> rows) {
    return rows.stream().map(PostgresDeliveryStore::toDelivery).toList();
  }

  private static Delivery toDelivery(DeliveryEntity e) {
    return new Delivery(
        e.seq,
        e.deliveryId,
        e.channelId,
        e.eventId,
        e.eventSeq,
        e.eventType,
        e.payload,
        DeliveryStatus.valueOf(e.status),
        e.attempts,
        instant(e.nextAttemptAt),
        e.lastStatus,
        e.lastError,
        e.latencyMs,
        instant(e.createdAt),
        instant(e.deliveredAt));
  }
}
