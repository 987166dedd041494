package dev.modelmanager.gateway.notify.service;

import dev.modelmanager.gateway.notify.config.NotifyConfig;
import dev.modelmanager.gateway.notify.domain.Backoff;
import dev.modelmanager.gateway.notify.domain.Channel;
import dev.modelmanager.gateway.notify.domain.Delivery;
import dev.modelmanager.gateway.notify.store.DeliveryStore;
import dev.modelmanager.kit.store.Blocking;
import dev.modelmanager.kit.store.Transactor;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;

/**
 * Email digests: a digest channel's deliveries are queued like any other (one per event, unique per
 * channel and event), but due only a digest interval after they were queued. When the oldest one is
 * due, this claims every delivery the channel has queued by then, sends one mail listing them and
 * stores the outcome on all of them at once.
 *
 * <p>The claim is a conditional update with a lease ({@code mm.notify.digest-lease}): of two
 * replicas that find the same channel due, each delivery goes to one digest. A replica that dies
 * mid-send leaves its claim to run out; the deliveries are then claimed and sent again (at least
 * once; the {@code X-ModelManager-Digest-Id} header tells a resend apart from a new digest). A
 * failed send releases them for a retry after the usual backoff, or dead-letters them after {@code
 * mm.notify.max-attempts}.
 */
@ApplicationScoped
public class DigestDispatcher {
  /** The most events one digest mail lists; the rest go into the next one at once. */
  static final int MAX_EVENTS = 500;

  private static final Logger LOG = Logger.getLogger(DigestDispatcher.class);

  private final DeliveryStore deliveries;
  private final Transactor tx;
  private final ChannelSender sender;
  private final NotifyConfig config;
  private final MeterRegistry metrics;
  private final Backoff backoff;

  DigestDispatcher(
      DeliveryStore deliveries,
      Transactor tx,
      ChannelSender sender,
      NotifyConfig config,
      MeterRegistry metrics) {
    this.deliveries = deliveries;
    this.tx = tx;
    this.sender = sender;
    this.config = config;
    this.metrics = metrics;
    this.backoff = new Backoff(config.backoffInitial(), config.backoffMax());
  }

  /** When a delivery of {@code channel} queued at {@code now} is first due. */
  static Instant firstDue(Channel channel, Instant now) {
    return channel.digests() ? now.plus(channel.digest()) : now;
  }

  /**
   * Sends the digest of {@code channel}, whose oldest queued delivery is due. Blocking: call it
   * from the dispatcher's thread. Answers whether a digest was attempted (false when another
   * replica claimed the deliveries first).
   */
  boolean send(Channel channel) {
    Instant now = Instant.now();
    String digestId = UUID.randomUUID().toString();
    Instant leaseUntil = now.plus(config.digestLease());
    List<Delivery> claimed =
        Blocking.await(
            () ->
                tx.inTransaction(
                    () ->
                        deliveries.claimDigest(
                            channel.id(), digestId, now, leaseUntil, MAX_EVENTS)));
    if (claimed.isEmpty()) {
      return false;
    }
    List<String> events = claimed.stream().map(Delivery::payload).toList();
    Attempt a = Blocking.await(() -> sender.sendDigest(channel, digestId, events));
    if (a.delivered()) {
      int n =
          Blocking.await(
              () ->
                  tx.inTransaction(
                      () ->
                          deliveries.digestDelivered(
                              digestId, a.statusCode(), a.latencyMs(), Instant.now())));
      NotificationDispatcher.counter(metrics, channel, "delivered").increment(n);
      LOG.debugf("digest %s to channel %s: %d events", digestId, channel.id(), n);
      return true;
    }
    // The oldest claimed delivery has been tried the most: it sets the pace of the retries.
    int attempt = claimed.stream().mapToInt(Delivery::attempts).max().orElse(0) + 1;
    Duration wait = backoff.delay(attempt, a.retryAfter(), ThreadLocalRandom.current());
    int n =
        Blocking.await(
            () ->
                tx.inTransaction(
                    () ->
                        deliveries.digestFailed(
                            digestId,
                            a.error(),
                            a.latencyMs(),
                            Instant.now().plus(wait),
                            config.maxAttempts())));
    String outcome = attempt >= config.maxAttempts() ? "dead_letter" : "retried";
    NotificationDispatcher.counter(metrics, channel, outcome).increment(n);
    LOG.warnf(
        "digest %s to channel %s failed (attempt %d, %s): %s",
        digestId, channel.id(), attempt, outcome, a.error());
    return true;
  }
}
