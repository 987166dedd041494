package dev.modelmanager.gateway.notify.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelmanager.gateway.notify.domain.Channel;
import dev.modelmanager.gateway.notify.domain.ChannelInput;
import dev.modelmanager.gateway.notify.domain.ChannelType;
import dev.modelmanager.gateway.notify.domain.Delivery;
import dev.modelmanager.gateway.notify.domain.DeliveryFilter;
import dev.modelmanager.gateway.notify.domain.WebhookSignature;
import dev.modelmanager.gateway.notify.store.ChannelStore;
import dev.modelmanager.gateway.notify.store.DeliveryStore;
import dev.modelmanager.kit.store.Transactor;
import dev.modelmanager.kit.web.ProblemException;
import dev.modelmanager.model.api.Page;
import dev.modelmanager.model.events.CloudEvent;
import dev.modelmanager.model.problem.ProblemType;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/** Channel management, test messages, the delivery log and manual redelivery. */
@ApplicationScoped
public class NotificationService {
  /** The type of the message {@code POST …/channels/{id}/test} sends. */
  public static final String TEST_EVENT_TYPE = "dev.modelmanager.gateway.notification.test";

  private static final Logger LOG = Logger.getLogger(NotificationService.class);
  private static final Pattern EMAIL = Pattern.compile("[^@\\s,;<>]+@[^@\\s,;<>]+\\.[^@\\s,;<>]+");
  private static final Pattern CURSOR = Pattern.compile("[0-9]{1,18}");

  private final ChannelStore channels;
  private final DeliveryStore deliveries;
  private final Transactor tx;
  private final TargetGuard guard;
  private final ChannelSender sender;
  private final NotificationDispatcher dispatcher;
  private final ObjectMapper mapper;
  private final Vertx vertx;

  NotificationService(
      ChannelStore channels,
      DeliveryStore deliveries,
      Transactor tx,
      TargetGuard guard,
      ChannelSender sender,
      NotificationDispatcher dispatcher,
      ObjectMapper mapper,
      Vertx vertx) {
    this.channels = channels;
    this.deliveries = deliveries;
    this.tx = tx;
    this.guard = guard;
    this.sender = sender;
    this.dispatcher = dispatcher;
    this.mapper = mapper;
    this.vertx = vertx;
  }

  /** Creates a channel; a webhook channel gets its signing secret (in the answer only). */
  public Uni<Channel> create(ChannelInput in, String createdBy) {
    return checkTarget(in)
        .chain(
            () -> {
              Instant now = Instant.now();
              Channel c =
                  new Channel(
                      UUID.randomUUID().toString(),
                      in.name(),
                      in.type(),
                      in.target(),
                      in.events(),
                      in.minSeverity(),
                      in.filters(),
                      in.type() == ChannelType.WEBHOOK ? WebhookSignature.newSecret() : null,
                      in.enabled(),
                      createdBy,
                      now,
                      now,
                      in.digest());
              return tx.inTransaction(
                  () -> uniqueName(in.name(), null).chain(() -> channels.insert(c)).replaceWith(c));
            })
        .invoke(c -> LOG.infof("notification channel %s (%s) created", c.id(), c.type().wire()));
  }

  public Uni<List<Channel>> list() {
    return channels.list();
  }

  public Uni<Channel> get(String id) {
    return channels
        .find(id)
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.notFound("no notification channel " + id));
  }

  /** Replaces a channel's settings; its type and secret stay. */
  public Uni<Channel> update(String id, ChannelInput in) {
    return get(id)
        .chain(
            old -> {
              if (old.type() != in.type()) {
                return Uni.createFrom()
                    .failure(
                        invalid("type", "a channel's type cannot change; create a new channel"));
              }
              return checkTarget(in)
                  .chain(
                      () -> {
                        Channel c =
                            new Channel(
                                old.id(),
                                in.name(),
                                old.type(),
                                in.target(),
                                in.events(),
                                in.minSeverity(),
                                in.filters(),
                                old.secret(),
                                in.enabled(),
                                old.createdBy(),
                                old.createdAt(),
                                Instant.now(),
                                in.digest());
                        return tx.inTransaction(
                            () ->
                                uniqueName(in.name(), id)
                                    .chain(() -> channels.update(c))
                                    .replaceWith(c));
                      });
            });
  }

  public Uni<Void> delete(String id) {
    return tx.inTransaction(() -> channels.delete(id))
        .chain(
            found ->
                found
                    ? Uni.createFrom().voidItem()
                    : Uni.createFrom()
                        .failure(ProblemException.notFound("no notification channel " + id)));
  }

  /** Sends a test message to the channel now and reports the outcome (nothing is queued). */
  public Uni<Attempt> test(String id) {
    return get(id)
        .chain(
            c -> {
              CloudEvent event =
                  CloudEvent.create(
                      "/gateway/notifications",
                      TEST_EVENT_TYPE,
                      c.id(),
                      mapper
                          .createObjectNode()
                          .put("message", "Test notification from Model Manager")
                          .put("channel", c.name()));
              String json;
              try {
                json = mapper.writeValueAsString(event);
              } catch (JsonProcessingException e) {
                return Uni.createFrom().failure(e);
              }
              // The SSRF check resolves the host: off the event loop.
              return vertx.executeBlocking(Uni.createFrom().deferred(() -> sender.send(c, json)));
            });
  }

  public Uni<Page<Delivery>> deliveries(DeliveryFilter filter, int limit, String cursor) {
    if (cursor != null && !CURSOR.matcher(cursor).matches()) {
      return Uni.createFrom()
          .failure(ProblemException.invalidField("cursor", "not a cursor this API returned"));
    }
    Long before = cursor == null ? null : Long.parseLong(cursor);
    return deliveries
        .newestFirst(filter, before, limit + 1)
        .map(
            rows -> {
              boolean more = rows.size() > limit;
              List<Delivery> items = more ? rows.subList(0, limit) : rows;
              return new Page<>(
                  items, more ? String.valueOf(items.get(items.size() - 1).seq()) : null);
            });
  }

  public Uni<Delivery> delivery(String id) {
    return deliveries
        .find(id)
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.notFound("no notification delivery " + id));
  }

  /** Queues a delivery again (whatever its state): due now, attempts counted afresh. */
  public Uni<Delivery> redeliver(String id) {
    return delivery(id)
        .chain(
            d -> {
              Delivery again = d.requeued(Instant.now());
              return tx.inTransaction(() -> deliveries.save(again, d))
                  .map(
                      stored -> {
                        if (!stored) {
                          throw new ProblemException(
                              ProblemType.CONFLICT,
                              "Delivery "
                                  + id
                                  + " changed meanwhile (an attempt ended); try again");
                        }
                        return again;
                      });
            })
        .invoke(dispatcher::wake);
  }

  private Uni<Void> uniqueName(String name, String exceptId) {
    return channels
        .list()
        .chain(
            all ->
                all.stream().anyMatch(c -> c.name().equals(name) && !c.id().equals(exceptId))
                    ? Uni.createFrom()
                        .failure(
                            ProblemException.conflict(
                                "a notification channel named " + name + " exists"))
                    : Uni.createFrom().voidItem());
  }

  private Uni<Void> checkTarget(ChannelInput in) {
    if (in.digest() != null && in.type() != ChannelType.EMAIL) {
      return Uni.createFrom()
          .failure(invalid("digest", "only email channels send digests; leave it out"));
    }
    if (in.type() == ChannelType.EMAIL) {
      for (String address : in.target().split(",")) {
        if (!EMAIL.matcher(address.strip()).matches()) {
          return Uni.createFrom().failure(invalid("target", "not an email address: " + address));
        }
      }
      return Uni.createFrom().voidItem();
    }
    return vertx
        .executeBlocking(Uni.createFrom().item(() -> guard.check(in.target())))
        .onFailure(TargetGuard.RefusedTarget.class)
        .transform(e -> invalid("target", e.getMessage()))
        .replaceWithVoid();
  }

  private static ProblemException invalid(String field, String message) {
    return ProblemException.invalidField(ProblemType.INVALID_CONTENT, field, message);
  }
}
