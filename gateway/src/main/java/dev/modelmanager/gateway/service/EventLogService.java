package dev.modelmanager.gateway.service;

import dev.modelmanager.gateway.domain.LoggedEvent;
import dev.modelmanager.gateway.domain.ReadAccess;
import dev.modelmanager.gateway.store.EventLogStore;
import dev.modelmanager.kit.events.ProcessedEvents;
import dev.modelmanager.kit.store.Transactor;
import dev.modelmanager.model.api.Page;
import dev.modelmanager.model.events.CloudEvent;
import dev.modelmanager.model.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
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

  /** Rows read at most for one page of {@link #list} (a narrow token skips most of a busy log). */
  static final int SCAN_LIMIT = 5_000;

  private static final int SCAN_BATCH = 200;

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
   * A page of the events {@code caller} may read ({@link ReadAccess}), newest first; the cursor is
   * the {@code seq} below which the next page starts (the resource validates it: {@link
   * #CURSOR_REGEX}). Events the caller may not read are skipped, so a page can be short: at most
   * {@link #SCAN_LIMIT} rows are read for one page, and when that runs out the page ends early with
   * a cursor below the last row read.
   */
  public Uni<Page<LoggedEvent>> list(Caller caller, int limit, String cursor, String type) {
    Long before = cursor == null ? null : Long.parseLong(cursor);
    String typeFilter = type == null || type.isBlank() ? null : type;
    return collect(caller, typeFilter, before, limit, new ArrayList<>(), 0);
  }

  private Uni<Page<LoggedEvent>> collect(
      Caller caller, String type, Long before, int limit, List<LoggedEvent> kept, int scanned) {
    int batch = Math.max(limit + 1, SCAN_BATCH);
    return store
        .newestFirst(before, type, batch)
        .chain(
            rows -> {
              for (LoggedEvent e : rows) {
                if (ReadAccess.mayReadEvent(caller, e.type())) {
                  kept.add(e);
                  if (kept.size() > limit) {
                    // One more than the page: there is a next page, after the page's last item.
                    List<LoggedEvent> items = List.copyOf(kept.subList(0, limit));
                    return page(items, items.get(limit - 1).seq());
                  }
                }
              }
              if (rows.size() < batch) {
                return page(kept, null); // the log has nothing older
              }
              long lowest = rows.get(rows.size() - 1).seq();
              if (scanned + rows.size() >= SCAN_LIMIT) {
                return page(kept, lowest); // a short page; the next one starts below what we read
              }
              return collect(caller, type, lowest, limit, kept, scanned + rows.size());
            });
  }

  private static Uni<Page<LoggedEvent>> page(List<LoggedEvent> items, Long nextSeq) {
    return Uni.createFrom()
        .item(new Page<>(List.copyOf(items), nextSeq == null ? null : String.valueOf(nextSeq)));
  }
}
