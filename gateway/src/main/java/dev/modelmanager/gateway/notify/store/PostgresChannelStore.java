package dev.modelmanager.gateway.notify.store;

import dev.modelmanager.gateway.notify.domain.Channel;
import dev.modelmanager.gateway.notify.domain.ChannelType;
import dev.modelmanager.gateway.notify.domain.Severity;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** Hibernate Reactive Panache adapter; joins the caller's session and transaction. */
@ApplicationScoped
@Typed(PostgresChannelStore.class)
@WithSession
public class PostgresChannelStore implements ChannelStore {

  @Override
  public Uni<Void> insert(Channel c) {
    ChannelEntity e = new ChannelEntity();
    e.id = c.id();
    e.createdAt = at(c.createdAt());
    copy(c, e);
    return e.persistAndFlush().replaceWithVoid();
  }

  @Override
  public Uni<Channel> find(String id) {
    return ChannelEntity.<ChannelEntity>findById(id).map(e -> e == null ? null : toChannel(e));
  }

  @Override
  public Uni<List<Channel>> list() {
    return ChannelEntity.<ChannelEntity>findAll(Sort.ascending("name"))
        .list()
        .map(rows -> rows.stream().map(PostgresChannelStore::toChannel).toList());
  }

  @Override
  public Uni<Boolean> update(Channel c) {
    return ChannelEntity.<ChannelEntity>findById(c.id())
        .chain(
            e -> {
              if (e == null) {
                return Uni.createFrom().item(false);
              }
              copy(c, e);
              return e.persistAndFlush().replaceWith(true);
            });
  }

  @Override
  public Uni<Boolean> delete(String id) {
    // Deliveries go with the channel (on delete cascade in the schema).
    return ChannelEntity.delete("id", id).map(n -> n > 0);
  }

  private static void copy(Channel c, ChannelEntity e) {
    e.name = c.name();
    e.type = c.type().wire();
    e.target = c.target();
    e.events = Json.write(c.events());
    e.minSeverity = c.minSeverity().wire();
    e.filters = Json.write(c.filters());
    e.secret = c.secret();
    e.enabled = c.enabled();
    e.createdBy = c.createdBy();
    e.updatedAt = at(c.updatedAt());
    e.digest = Json.duration(c.digest());
  }

  static Channel toChannel(ChannelEntity e) {
    return new Channel(
        e.id,
        e.name,
        ChannelType.parse(e.type),
        e.target,
        Json.list(e.events),
        Severity.parse(e.minSeverity),
        Json.map(e.filters),
        e.secret,
        e.enabled,
        e.createdBy,
        instant(e.createdAt),
        instant(e.updatedAt),
        Json.duration(e.digest));
  }

  static OffsetDateTime at(Instant i) {
    return i == null ? null : i.atOffset(ZoneOffset.UTC);
  }

  static Instant instant(OffsetDateTime t) {
    return t == null ? null : t.toInstant();
  }
}
