package dev.modelmanager.gateway.activity;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelmanager.gateway.audit.AuditEntry;
import dev.modelmanager.gateway.audit.AuditQuery;
import dev.modelmanager.gateway.audit.AuditRecord;
import dev.modelmanager.gateway.domain.LoggedEvent;
import dev.modelmanager.gateway.domain.ReadAccess;
import dev.modelmanager.gateway.store.AuditStore;
import dev.modelmanager.gateway.store.EventLogStore;
import dev.modelmanager.model.api.Page;
import dev.modelmanager.model.events.EventTypes;
import dev.modelmanager.model.security.Caller;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * The activity feed: the gateway's event log (what the services reported) merged with the audit
 * trail's request records (what people asked the API to change), newest first, holding only what
 * the caller may read ({@link ReadAccess}). Nothing is copied: both are read where they are kept.
 *
 * <p>Each source is read newest first by its own position; a page takes whichever source's next
 * entry is newer. The cursor holds both positions ({@code <event seq>.<audit seq>}, 0 once a source
 * is spent), so paging never repeats or skips an entry. Filters the stores cannot apply are applied
 * here; a page reads at most {@value #MAX_SCAN} rows, so a narrow filter over a long history may
 * answer fewer items than asked with a nextCursor to go on from.
 */
@ApplicationScoped
public class ActivityFeed {
  /** The cursors {@link #page} issues. */
  public static final String CURSOR_REGEX = "[0-9]{1,18}\\.[0-9]{1,18}";

  static final int BATCH = 200;
  static final int MAX_SCAN = 5000;
  private static final int EXPORT_PAGE = 500;
  private static final Pattern CURSOR = Pattern.compile(CURSOR_REGEX);

  // Machine traffic, not activity: a progress tick every few seconds per install, weights usage.
  private static final Set<String> NOT_ACTIVITY =
      Set.of(EventTypes.WEIGHTS_INSTALL_PROGRESSED, EventTypes.DEPLOY_WEIGHTS_USAGE);

  private final EventLogStore events;
  private final AuditStore audit;
  private final ObjectMapper mapper;

  ActivityFeed(EventLogStore events, AuditStore audit, ObjectMapper mapper) {
    this.events = events;
    this.audit = audit;
    this.mapper = mapper;
  }

  /** A page, newest first; {@code cursor} is the previous page's nextCursor (validated). */
  public Uni<Page<ActivityEntry>> page(
      Caller caller, ActivityQuery query, String cursor, int limit) {
    long[] at = positions(cursor);
    Source logged = new Source(at[0], (before, n) -> events(caller, query, before, n));
    Source requested = new Source(at[1], (before, n) -> requests(caller, query, before, n));
    if (ActivityEntry.REQUEST.equals(query.kind())) {
      logged.spent();
    } else if (ActivityEntry.EVENT.equals(query.kind())) {
      requested.spent();
    }
    return fill(logged, requested, new ArrayList<>(), new int[] {0}, limit)
        .map(
            items -> {
              long e = logged.next();
              long a = requested.next();
              return new Page<>(items, e == 0 && a == 0 ? null : e + "." + a);
            });
  }

  /** Every matching entry the caller may read, newest first, read page by page as consumed. */
  public Multi<ActivityEntry> export(Caller caller, ActivityQuery query) {
    return Multi.createBy()
        .repeating()
        .uni(
            () -> new String[1],
            state ->
                page(caller, query, state[0], EXPORT_PAGE).invoke(p -> state[0] = p.nextCursor()))
        .whilst(p -> p.nextCursor() != null)
        .onItem()
        .transformToIterable(Page::items);
  }

  /** Whether {@code cursor} is one this feed issues. */
  public static boolean validCursor(String cursor) {
    return cursor == null || CURSOR.matcher(cursor).matches();
  }

  private Uni<List<ActivityEntry>> fill(
      Source a, Source b, List<ActivityEntry> out, int[] scanned, int limit) {
    while (out.size() < limit) {
      Source starved = a.starved() ? a : b.starved() ? b : null;
      if (starved != null) {
        if (scanned[0] >= MAX_SCAN) {
          break;
        }
        return starved.read(scanned).chain(() -> fill(a, b, out, scanned, limit));
      }
      Source newer = newer(a, b);
      if (newer == null) {
        break;
      }
      out.add(newer.ready.removeFirst().entry());
    }
    return Uni.createFrom().item(out);
  }

  private static Source newer(Source a, Source b) {
    if (a.ready.isEmpty()) {
      return b.ready.isEmpty() ? null : b;
    }
    if (b.ready.isEmpty()) {
      return a;
    }
    return a.ready.peekFirst().entry().time().isBefore(b.ready.peekFirst().entry().time()) ? b : a;
  }

  private Uni<Batch> events(Caller caller, ActivityQuery q, Long before, int n) {
    return events
        .newestFirst(before, q.exactType(), n)
        .map(
            rows -> {
              List<Candidate> matching = new ArrayList<>();
              boolean older = false;
              for (LoggedEvent e : rows) {
                // The log is in arrival order: once arrivals precede "since", so does the rest.
                if (q.since() != null && e.receivedAt().isBefore(q.since())) {
                  older = true;
                  break;
                }
                if (NOT_ACTIVITY.contains(e.type()) || !ReadAccess.mayReadEvent(caller, e.type())) {
                  continue;
                }
                ActivityEntry entry = ActivityText.event(e, e.dataTree(mapper));
                if (q.matches(entry)) {
                  matching.add(new Candidate(e.seq(), entry));
                }
              }
              long lowest = rows.isEmpty() ? 0 : rows.get(rows.size() - 1).seq();
              return new Batch(matching, lowest, older || rows.size() < n);
            });
  }

  private Uni<Batch> requests(Caller caller, ActivityQuery q, Long before, int n) {
    AuditQuery filter = new AuditQuery(q.actor(), null, null, null, q.since(), q.until());
    return audit
        .find(filter, before, false, n)
        .map(
            rows -> {
              List<Candidate> matching = new ArrayList<>();
              for (AuditRecord r : rows) {
                if (!isActivity(r.entry())
                    || !ReadAccess.mayReadRequest(caller, ActivityText.path(r.entry().action()))) {
                  continue;
                }
                ActivityEntry entry = ActivityText.request(r);
                if (q.matches(entry)) {
                  matching.add(new Candidate(r.seq(), entry));
                }
              }
              long lowest = rows.isEmpty() ? 0 : rows.get(rows.size() - 1).seq();
              return new Batch(matching, lowest, rows.size() < n);
            });
  }

  /**
   * A change that happened: a request that succeeded (2xx). Denied and failed requests stay in the
   * audit trail; outcome records of background work are in the event log with their details; a
   * caller's own preferences are nobody's activity.
   */
  private static boolean isActivity(AuditEntry e) {
    return AuditEntry.REQUEST.equals(e.kind())
        && e.outcome().startsWith("2")
        && !ActivityText.path(e.action()).startsWith("/api/v1/me");
  }

  private static long[] positions(String cursor) {
    if (cursor == null) {
      return new long[] {Long.MAX_VALUE, Long.MAX_VALUE};
    }
    String[] p = cursor.split("\\.");
    return new long[] {Long.parseLong(p[0]), Long.parseLong(p[1])};
  }

  /** An entry and its position in its source. */
  record Candidate(long seq, ActivityEntry entry) {}

  /**
   * What one read of a source gave: the entries that pass, the lowest position read, and whether
   * the source has nothing older.
   */
  record Batch(List<Candidate> matching, long lowest, boolean last) {}

  /** One source read newest first, with the entries read but not yet handed out. */
  private static final class Source {
    final Deque<Candidate> ready = new ArrayDeque<>();
    private final BiFunction<Long, Integer, Uni<Batch>> reader;
    // Everything at or above it was handed out or filtered out; 0 once nothing is left to read.
    private long below;

    Source(long below, BiFunction<Long, Integer, Uni<Batch>> reader) {
      this.below = below;
      this.reader = reader;
    }

    void spent() {
      below = 0;
    }

    boolean starved() {
      return ready.isEmpty() && below > 0;
    }

    Uni<Void> read(int[] scanned) {
      return reader
          .apply(below == Long.MAX_VALUE ? null : below, BATCH)
          .invoke(
              batch -> {
                scanned[0] += BATCH;
                ready.addAll(batch.matching());
                below = batch.last() ? 0 : batch.lowest();
              })
          .replaceWithVoid();
    }

    /** Where the next page starts in this source: above the first entry not handed out. */
    long next() {
      return ready.isEmpty() ? below : ready.peekFirst().seq() + 1;
    }
  }
}
