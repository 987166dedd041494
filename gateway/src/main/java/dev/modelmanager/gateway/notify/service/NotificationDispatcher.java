package dev.modelmanager.gateway.notify.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelmanager.gateway.domain.LoggedEvent;
import dev.modelmanager.gateway.events.EventLogAppended;
import dev.modelmanager.gateway.notify.config.NotifyConfig;
import dev.modelmanager.gateway.notify.domain.Backoff;
import dev.modelmanager.gateway.notify.domain.Channel;
import dev.modelmanager.gateway.notify.domain.ChannelType;
import dev.modelmanager.gateway.notify.domain.Delivery;
import dev.modelmanager.gateway.notify.domain.DeliveryStatus;
import dev.modelmanager.gateway.notify.domain.Severity;
import dev.modelmanager.gateway.notify.domain.Subscription;
import dev.modelmanager.gateway.notify.store.ChannelStore;
import dev.modelmanager.gateway.notify.store.DeliveryStore;
import dev.modelmanager.kit.store.Blocking;
import dev.modelmanager.kit.store.Transactor;
import dev.modelmanager.model.events.CloudEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Turns logged events into deliveries and sends them. One background thread:
 *
 * <ol>
 *   <li>fan-out: reads the event log after its stored cursor and, in one transaction, queues a
 *       delivery for every channel that subscribes to each event and moves the cursor. A delivery
 *       is unique per (channel, event), so a crash between the two, a restart or a redelivered
 *       Kafka record never queues an event twice;
 *   <li>send: for each channel whose oldest pending delivery is due, sends its queue from there in
 *       order, one delivery after the other (a failing channel holds only its own queue; channels
 *       go in parallel), and stores each outcome: delivered, or a retry after an exponential
 *       backoff with jitter that honours {@code Retry-After}, or dead-lettered after {@code
 *       mm.notify.max-attempts}.
 * </ol>
 *
 * A delivery is marked delivered only after the receiver acknowledged it, so a crash mid-send sends
 * it again (at least once; receivers dedupe on {@code webhook-id}, the event id). An email channel
 * with a digest interval gets one mail per interval instead ({@link DigestDispatcher}).
 */
@ApplicationScoped
public class NotificationDispatcher {
  static final String CURSOR = "fan-out";
  private static final Logger LOG = Logger.getLogger(NotificationDispatcher.class);
  private static final int FAN_OUT_BATCH = 200;
  private static final int SEND_BATCH = 64;

  /** The most deliveries of one channel sent in one round, one after the other. */
  static final int RUN = 32;

  private final ChannelStore channels;
  private final DeliveryStore deliveries;
  private final Transactor tx;
  private final ChannelSender sender;
  private final DigestDispatcher digests;
  private final NotifyConfig config;
  private final ObjectMapper mapper;
  private final MeterRegistry metrics;
  private final Backoff backoff;
  private final PollSignal signal = new PollSignal();
  private volatile boolean running;
  private Thread thread;

  NotificationDispatcher(
      ChannelStore channels,
      DeliveryStore deliveries,
      Transactor tx,
      ChannelSender sender,
      DigestDispatcher digests,
      NotifyConfig config,
      ObjectMapper mapper,
      MeterRegistry metrics) {
    this.channels = channels;
    this.deliveries = deliveries;
    this.tx = tx;
    this.sender = sender;
    this.digests = digests;
    this.config = config;
    this.mapper = mapper;
    this.metrics = metrics;
    this.backoff = new Backoff(config.backoffInitial(), config.backoffMax());
  }

  void onStart(@Observes StartupEvent ev) {
    if (!config.enabled()) {
      LOG.info("notifications are disabled (mm.notify.enabled=false)");
      return;
    }
    start();
  }

  void onStop(@Observes ShutdownEvent ev) {
    stop();
  }

  /** Starts dispatching (at startup; again after {@link #stop}, as a restarted gateway would). */
  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    thread = new Thread(this::run, "mm-notify-dispatcher");
    thread.setDaemon(true);
    thread.start();
  }

  /** Stops dispatching and waits for the current round to end; what is queued stays queued. */
  public synchronized void stop() {
    running = false;
    wake();
    if (thread != null) {
      try {
        thread.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      thread = null;
    }
  }

  /** Looks for work now rather than at the next poll. */
  public void wake() {
    signal.wake();
  }

  void onAppended(@Observes EventLogAppended appended) {
    wake();
  }

  private void run() {
    while (running) {
      boolean busy;
      try {
        busy = fanOut() | sendDue();
      } catch (RuntimeException e) {
        LOG.warnf("notification dispatch failed, retrying: %s", e.getMessage());
        busy = false;
      }
      if (!busy && running) {
        try {
          signal.pause(config.pollInterval());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /** Queues deliveries for the events logged since the cursor; answers whether there were any. */
  boolean fanOut() {
    Long cursor = Blocking.await(() -> deliveries.cursor(CURSOR));
    if (cursor == null) {
      // First start: notify from now on, not about the history already in the log.
      long last = Blocking.await(deliveries::lastEventSeq);
      Blocking.await(() -> tx.inTransaction(() -> deliveries.saveCursor(CURSOR, last)));
      return false;
    }
    List<LoggedEvent> events = Blocking.await(() -> deliveries.eventsAfter(cursor, FAN_OUT_BATCH));
    if (events.isEmpty()) {
      return false;
    }
    List<Channel> all = Blocking.await(channels::list);
    List<Delivery> queue = new ArrayList<>();
    Instant now = Instant.now();
    for (LoggedEvent e : events) {
      JsonNode data = e.dataTree(mapper);
      Severity severity = Severity.of(e.type(), data);
      for (Channel c : all) {
        boolean afterCreation = !e.receivedAt().isBefore(c.createdAt());
        if (afterCreation && Subscription.wants(c, e.type(), severity, e.subject(), data)) {
          queue.add(
              new Delivery(
                  null,
                  UUID.randomUUID().toString(),
                  c.id(),
                  e.id(),
                  e.seq(),
                  e.type(),
                  payload(e, data),
                  DeliveryStatus.PENDING,
                  0,
                  DigestDispatcher.firstDue(c, now),
                  null,
                  null,
                  null,
                  now,
                  null));
        }
      }
    }
    long last = events.get(events.size() - 1).seq();
    Blocking.await(
        () ->
            tx.inTransaction(
                () -> {
                  Uni<Void> chain = Uni.createFrom().voidItem();
                  for (Delivery d : queue) {
                    chain = chain.chain(() -> deliveries.enqueue(d)).replaceWithVoid();
                  }
                  return chain.chain(() -> deliveries.saveCursor(CURSOR, last));
                }));
    return true;
  }

  /**
   * Sends what is due: for each channel whose head is due, its queue in order (up to {@link #RUN}
   * deliveries, one per step, the channels in parallel), stopping at the first delivery that fails
   * or is not due yet so that later ones wait behind it; a digest channel's digest. Answers whether
   * anything was attempted.
   */
  boolean sendDue() {
    Instant now = Instant.now();
    List<Delivery> due = Blocking.await(() -> deliveries.dueHeads(now, SEND_BATCH));
    if (due.isEmpty()) {
      return false;
    }
    Map<String, Channel> byId =
        Blocking.await(channels::list).stream()
            .collect(Collectors.toMap(Channel::id, Function.identity()));
    Map<Channel, Deque<Delivery>> runs = new LinkedHashMap<>();
    boolean attempted = false;
    for (Delivery head : due) {
      Channel c = byId.get(head.channelId());
      if (c == null) {
        continue; // deleted meanwhile; its deliveries went with it
      }
      if (c.digests() && c.type() == ChannelType.EMAIL) {
        // Its oldest delivery is due: the digest of everything it has queued.
        attempted |= digests.send(c);
        continue;
      }
      Deque<Delivery> run = new ArrayDeque<>();
      run.add(head);
      run.addAll(Blocking.await(() -> deliveries.pendingAfter(c.id(), head.eventSeq(), RUN - 1)));
      runs.put(c, run);
    }
    while (!runs.isEmpty()) {
      attempted = true;
      List<Channel> targets = new ArrayList<>(runs.keySet());
      List<Delivery> sent = new ArrayList<>();
      List<Uni<Attempt>> sends = new ArrayList<>();
      for (Channel c : targets) {
        Delivery d = runs.get(c).poll();
        sent.add(d);
        sends.add(attempt(c, d));
      }
      // The sends run in parallel; their outcomes are stored one by one (one reactive session).
      List<Attempt> outcomes = Blocking.await(() -> Uni.join().all(sends).andFailFast());
      for (int i = 0; i < outcomes.size(); i++) {
        Channel c = targets.get(i);
        Delivery d = sent.get(i);
        Attempt a = outcomes.get(i);
        Blocking.await(() -> record(c, d, a));
        Delivery next = runs.get(c).peek();
        if (!a.delivered() || next == null || next.nextAttemptAt().isAfter(Instant.now())) {
          runs.remove(c);
        }
      }
    }
    return attempted;
  }

  private Uni<Attempt> attempt(Channel c, Delivery d) {
    try {
      return sender.send(c, d.payload()); // the SSRF check resolves here, on this thread
    } catch (RuntimeException e) {
      return Uni.createFrom().item(Attempt.failed(e.getClass().getSimpleName(), 0));
    }
  }

  private Uni<Void> record(Channel c, Delivery d, Attempt a) {
    Instant now = Instant.now();
    Delivery next;
    String outcome;
    if (a.delivered()) {
      next = d.attempted(DeliveryStatus.DELIVERED, null, a.statusCode(), null, a.latencyMs(), now);
      outcome = "delivered";
    } else if (d.attempts() + 1 >= config.maxAttempts()) {
      next =
          d.attempted(
              DeliveryStatus.DEAD_LETTER, null, a.statusCode(), a.error(), a.latencyMs(), null);
      outcome = "dead_letter";
      LOG.warnf(
          "notification of event %s to channel %s dead-lettered after %d attempts: %s",
          d.eventId(), c.id(), next.attempts(), a.error());
    } else {
      Duration wait = backoff.delay(d.attempts() + 1, a.retryAfter(), ThreadLocalRandom.current());
      next =
          d.attempted(
              DeliveryStatus.PENDING,
              now.plus(wait),
              a.statusCode(),
              a.error(),
              a.latencyMs(),
              null);
      outcome = "retried";
    }
    counter(metrics, c, outcome).increment();
    return tx.inTransaction(() -> deliveries.save(next, d))
        .invoke(
            stored -> {
              if (!stored) {
                LOG.debugf(
                    "delivery %s changed while it was being sent; this attempt's outcome is"
                        + " dropped",
                    d.id());
              }
            })
        .replaceWithVoid();
  }

  static Counter counter(MeterRegistry metrics, Channel c, String outcome) {
    return Counter.builder("mm.gateway.notification.deliveries")
        .description("Notification delivery attempts by channel type and outcome")
        .tag("channel", c.type().wire())
        .tag("outcome", outcome)
        .register(metrics);
  }

  private String payload(LoggedEvent e, JsonNode data) {
    CloudEvent event =
        new CloudEvent(
            CloudEvent.SPEC_VERSION,
            e.id(),
            e.source(),
            e.type(),
            e.subject(),
            e.time(),
            data == null ? null : "application/json",
            data);
    try {
      return mapper.writeValueAsString(event);
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException(ex);
    }
  }
}
