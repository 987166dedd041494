package dev.modelmanager.gateway.service;

import dev.modelmanager.gateway.domain.LoggedEvent;
import dev.modelmanager.gateway.store.EventLogStore;
import dev.modelmanager.kit.events.ProcessedEvents;
import dev.modelmanager.kit.store.Transactor;
import dev.modelmanager.model.api.Page;
import dev.modelmanager.model.events.CloudEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/**
 * The gateway's log of every event on the {@code mm.*} topics: each kept once, read newest first.
 */
@ApplicationScoped
public class EventLogService {
  /** The consumer name under which event ids are deduplicated. */
  public static final String CONSUMER = "gateway-event-log";

  /** The cursors {@link #list} issues: a {@code seq}. */
  public static final String CURSOR_REGEX = "[0-9]{1,18}";

  private final EventLogStore store;
  private final ProcessedEvents processed;
  private final Transactor transactor;

  public EventLogService(EventLogStore store, ProcessedEvents processed, Transactor transactor) {
    this.store = store;
    this.processed = processed;
    this.transactor = transactor;
  }

  /** Keeps {@code event} unless its id was seen before; answers whether it was new. */
  public Uni<Boolean> record(CloudEvent event, String topic) {
    LoggedEvent logged =
        new LoggedEvent(
            null,
            event.id(),
            event.type(),
            event.source(),
            event.subject(),
            event.time(),
            topic,
            event.data() == null || event.data().isNull() ? null : event.data().toString(),
            Instant.now());
    return transactor.inTransaction(
        () ->
            processed
                .firstDelivery(CONSUMER, event.id())
                .chain(
                    first ->
                        first
                            ? store.append(logged).replaceWith(true)
                            : Uni.createFrom().item(false)));
  }

  /**
   * A page of events, newest first; the cursor is the last {@code seq} of the previous page (the
   * resource validates it: {@link #CURSOR_REGEX}).
   */
  public Uni<Page<LoggedEvent>> list(int limit, String cursor, String type) {
    Long before = cursor == null ? null : Long.parseLong(cursor);
    String typeFilter = type == null || type.isBlank() ? null : type;
    return store
        .newestFirst(before, typeFilter, limit + 1)
        .map(
            rows -> {
              boolean more = rows.size() > limit;
              List<LoggedEvent> items = more ? rows.subList(0, limit) : rows;
              return new Page<>(
                  items, more ? String.valueOf(items.get(items.size() - 1).seq()) : null);
            });
  }
}
