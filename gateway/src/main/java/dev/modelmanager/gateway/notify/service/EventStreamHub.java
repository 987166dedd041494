package dev.modelmanager.gateway.notify.service;

import dev.modelmanager.gateway.domain.LoggedEvent;
import dev.modelmanager.gateway.events.EventLogAppended;
import dev.modelmanager.gateway.notify.config.NotifyConfig;
import dev.modelmanager.gateway.notify.store.DeliveryStore;
import dev.modelmanager.kit.store.Blocking;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The live tail of the event log for the SSE stream: one poller reads new events once and hands
 * them to every connected client, and keeps the most recent ones so a client resuming with {@code
 * Last-Event-ID} within that window needs no query. Every client gets each event once, in log
 * order: registration and delivery happen under one lock, and a client's position is the log
 * position ({@code seq}), which is also the SSE event id.
 */
@ApplicationScoped
public class EventStreamHub {
  private static final Logger LOG = Logger.getLogger(EventStreamHub.class);
  private static final int BUFFER = 2000;
  private static final int PAGE = 500;

  /**
   * How often the log is read while no client is connected: only events that another replica logged
   * wait for it (this replica's intake wakes the hub at once), and a client's arrival wakes it too.
   * Each read is a query on an event loop, which the gateway's requests need.
   */
  static final Duration IDLE_POLL = Duration.ofSeconds(2);

  private final DeliveryStore store;
  private final NotifyConfig config;
  private final ArrayDeque<LoggedEvent> recent = new ArrayDeque<>();
  private final Set<Listener> listeners = ConcurrentHashMap.newKeySet();
  private final Object lock = new Object();
  private final PollSignal signal = new PollSignal();
  private volatile boolean running;
  private volatile long latest = -1;
  // Every event after this position is in "recent".
  private long completeAfter = -1;
  private Thread thread;

  EventStreamHub(DeliveryStore store, NotifyConfig config) {
    this.store = store;
    this.config = config;
  }

  /** A connected client; {@code accept} runs on the hub's thread and must not block. */
  public interface Listener extends Consumer<List<LoggedEvent>> {}

  void start(@Observes StartupEvent ev) {
    running = true;
    thread = new Thread(this::run, "mm-event-stream");
    thread.setDaemon(true);
    thread.start();
  }

  void stop(@Observes ShutdownEvent ev) {
    running = false;
    if (thread != null) {
      thread.interrupt();
    }
  }

  /** The newest position the hub has seen, or -1 before its first read. */
  public long latest() {
    return latest;
  }

  /**
   * Registers {@code listener} for events after {@code after}, first handing it the buffered ones
   * after that position; false when the buffer no longer reaches back that far (the caller reads
   * the log up to a later position first).
   */
  public boolean register(long after, Listener listener) {
    synchronized (lock) {
      if (completeAfter < 0 || after < completeAfter) {
        return false;
      }
      List<LoggedEvent> missed = new ArrayList<>();
      for (LoggedEvent e : recent) {
        if (e.seq() > after) {
          missed.add(e);
        }
      }
      if (!missed.isEmpty()) {
        listener.accept(missed);
      }
      if (listeners.add(listener) && listeners.size() == 1) {
        signal.wake(); // it may be in its idle pause
      }
      return true;
    }
  }

  /** Registers from wherever the buffer starts (used when the log holds nothing older). */
  public long registerFromBufferStart(Listener listener) {
    synchronized (lock) {
      long from = Math.max(completeAfter, 0);
      register(from, listener);
      return from;
    }
  }

  public void unregister(Listener listener) {
    listeners.remove(listener);
  }

  void onAppended(@Observes EventLogAppended appended) {
    signal.wake();
  }

  public int clients() {
    return listeners.size();
  }

  /**
   * The poll loop, on its own platform thread (never an event loop): it awaits each read of the log
   * ({@link Blocking#await}) and then pauses for the poll interval when the log had nothing more,
   * cut short when the intake logs an event ({@link EventLogAppended}). Blocking here is
   * deliberate: one thread for every client, no overlapping reads (a Vert.x timer would need its
   * own guard against a slow read still running when the next one fires), and {@link #stop}
   * interrupts the sleep at shutdown.
   */
  private void run() {
    while (running) {
      try {
        if (latest < 0) {
          long last = Blocking.await(store::lastEventSeq);
          synchronized (lock) {
            latest = last;
            completeAfter = last;
          }
        }
        List<LoggedEvent> events = Blocking.await(() -> store.eventsAfter(latest, PAGE));
        if (!events.isEmpty()) {
          synchronized (lock) {
            for (LoggedEvent e : events) {
              recent.addLast(e);
              if (recent.size() > BUFFER) {
                completeAfter = recent.removeFirst().seq();
              }
            }
            latest = events.get(events.size() - 1).seq();
            for (Listener l : listeners) {
              try {
                l.accept(events);
              } catch (RuntimeException e) {
                LOG.debugf("an event stream client failed: %s", e.getMessage());
              }
            }
          }
        }
        if (events.size() < PAGE) {
          Duration interval = config.pollInterval();
          signal.pause(
              listeners.isEmpty() && interval.compareTo(IDLE_POLL) < 0 ? IDLE_POLL : interval);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.warnf("reading the event log for the stream failed, retrying: %s", e.getMessage());
        try {
          Thread.sleep(1000);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }
}
