package dev.modelmanager.gateway.notify;

import static dev.modelmanager.testkit.store.StoreContracts.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelmanager.gateway.GatewayStoreContractProfile;
import dev.modelmanager.gateway.domain.LoggedEvent;
import dev.modelmanager.gateway.notify.domain.Channel;
import dev.modelmanager.gateway.notify.domain.ChannelType;
import dev.modelmanager.gateway.notify.domain.Delivery;
import dev.modelmanager.gateway.notify.domain.DeliveryFilter;
import dev.modelmanager.gateway.notify.domain.DeliveryStatus;
import dev.modelmanager.gateway.notify.domain.Severity;
import dev.modelmanager.gateway.notify.store.ChannelStore;
import dev.modelmanager.gateway.notify.store.DeliveryStore;
import dev.modelmanager.gateway.notify.store.PostgresChannelStore;
import dev.modelmanager.gateway.notify.store.PostgresDeliveryStore;
import dev.modelmanager.gateway.notify.store.SqliteChannelStore;
import dev.modelmanager.gateway.notify.store.SqliteDeliveryStore;
import dev.modelmanager.gateway.store.EventLogStore;
import dev.modelmanager.gateway.store.PostgresEventLogStore;
import dev.modelmanager.gateway.store.SqliteEventLogStore;
import dev.modelmanager.kit.store.PostgresTransactor;
import dev.modelmanager.kit.store.SqliteTransactor;
import dev.modelmanager.kit.store.Transactor;
import dev.modelmanager.testkit.store.StoreContract;
import dev.modelmanager.testkit.store.StoreKind;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One behaviour contract for the notification stores, against real Postgres and SQLite. */
@QuarkusTest
@TestProfile(GatewayStoreContractProfile.class)
class NotifyStoreContractTest {
  @Inject PostgresChannelStore pgChannels;
  @Inject SqliteChannelStore sqliteChannels;
  @Inject PostgresDeliveryStore pgDeliveries;
  @Inject SqliteDeliveryStore sqliteDeliveries;
  @Inject PostgresEventLogStore pgEvents;
  @Inject SqliteEventLogStore sqliteEvents;
  @Inject PostgresTransactor pgTx;
  @Inject SqliteTransactor sqliteTx;

  record Adapters(
      ChannelStore channels, DeliveryStore deliveries, EventLogStore events, Transactor tx) {}

  Adapters adapters(StoreKind kind) {
    return kind.pick(
        new Adapters(pgChannels, pgDeliveries, pgEvents, pgTx),
        new Adapters(sqliteChannels, sqliteDeliveries, sqliteEvents, sqliteTx));
  }

  @StoreContract
  void channelsRoundTripEveryFieldAndAreReplacedAndDeleted(StoreKind kind) throws Throwable {
    Adapters a = adapters(kind);
    Channel c = channel();
    await(() -> a.tx().inTransaction(() -> a.channels().insert(c)));
    Channel found = await(() -> a.channels().find(c.id()));
    assertThat(found).isEqualTo(c);
    assertThat(await(() -> a.channels().list())).contains(c);

    Channel changed =
        new Channel(
            c.id(),
            c.name() + "-x",
            c.type(),
            "https://other.example/h",
            List.of("*"),
            Severity.ERROR,
            Map.of(),
            c.secret(),
            false,
            c.createdBy(),
            c.createdAt(),
            c.updatedAt().plusSeconds(5),
            java.time.Duration.ofMinutes(15));
    assertThat(await(() -> a.tx().inTransaction(() -> a.channels().update(changed)))).isTrue();
    assertThat(await(() -> a.channels().find(c.id()))).isEqualTo(changed);

    assertThat(await(() -> a.tx().inTransaction(() -> a.channels().delete(c.id())))).isTrue();
    assertThat(await(() -> a.channels().find(c.id()))).isNull();
    assertThat(await(() -> a.tx().inTransaction(() -> a.channels().delete(c.id())))).isFalse();
  }

  @StoreContract
  void aDeliveryIsQueuedOncePerChannelAndEvent(StoreKind kind) throws Throwable {
    Adapters a = adapters(kind);
    Channel c = channel();
    await(() -> a.tx().inTransaction(() -> a.channels().insert(c)));
    Delivery d = delivery(c, "e-" + UUID.randomUUID(), 10, Instant.now());
    assertThat(await(() -> a.tx().inTransaction(() -> a.deliveries().enqueue(d)))).isTrue();
    Delivery again = delivery(c, d.eventId(), 10, Instant.now());
    assertThat(await(() -> a.tx().inTransaction(() -> a.deliveries().enqueue(again)))).isFalse();
    List<Delivery> rows =
        await(
            () ->
                a.deliveries().newestFirst(new DeliveryFilter(c.id(), null, null, null), null, 10));
    assertThat(rows).hasSize(1);
    Delivery stored = rows.get(0);
    assertThat(stored.id()).isEqualTo(d.id());
    assertThat(stored.payload()).isEqualTo(d.payload());
    assertThat(stored.status()).isEqualTo(DeliveryStatus.PENDING);
    assertThat(stored.seq()).isNotNull();
  }

  @StoreContract
  void onlyTheDueHeadOfEachChannelsQueueIsHandedOut(StoreKind kind) throws Throwable {
    Adapters a = adapters(kind);
    Channel c = channel();
    await(() -> a.tx().inTransaction(() -> a.channels().insert(c)));
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Delivery first = delivery(c, "e1-" + UUID.randomUUID(), 101, now.plusSeconds(60));
    Delivery second = delivery(c, "e2-" + UUID.randomUUID(), 102, now.minusSeconds(1));
    await(() -> a.tx().inTransaction(() -> a.deliveries().enqueue(first)));
    await(() -> a.tx().inTransaction(() -> a.deliveries().enqueue(second)));
    // The head (first) waits for its retry: the second must wait behind it.
    assertThat(heads(a, c, now)).isEmpty();
    // Behind a head: the rest of its channel's queue, oldest first.
    assertThat(await(() -> a.deliveries().pendingAfter(c.id(), 0, 1)))
        .extracting(Delivery::id)
        .containsExactly(first.id());
    assertThat(await(() -> a.deliveries().pendingAfter(c.id(), 101, 10)))
        .extracting(Delivery::id)
        .containsExactly(second.id());
    assertThat(heads(a, c, now.plusSeconds(61)))
        .extracting(Delivery::id)
        .containsExactly(first.id());

    Delivery done =
        first.attempted(DeliveryStatus.DELIVERED, null, 200, null, 12, now.plusSeconds(61));
    await(() -> a.tx().inTransaction(() -> a.deliveries().save(done, first)));
    assertThat(heads(a, c, now)).extracting(Delivery::id).containsExactly(second.id());
    assertThat(await(() -> a.deliveries().pendingAfter(c.id(), 0, 10)))
        .extracting(Delivery::id)
        .containsExactly(second.id());
    Delivery reread = await(() -> a.deliveries().find(first.id()));
    assertThat(reread.status()).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(reread.attempts()).isEqualTo(1);
    assertThat(reread.lastStatusCode()).isEqualTo(200);
    assertThat(reread.latencyMs()).isEqualTo(12L);
    assertThat(reread.deliveredAt()).isEqualTo(now.plusSeconds(61));

    Delivery dead = second.attempted(DeliveryStatus.DEAD_LETTER, null, 400, "HTTP 400", 3, null);
    await(() -> a.tx().inTransaction(() -> a.deliveries().save(dead, second)));
    assertThat(heads(a, c, now.plusSeconds(3600))).isEmpty();
    Delivery deadRead = await(() -> a.deliveries().find(second.id()));
    assertThat(deadRead.status()).isEqualTo(DeliveryStatus.DEAD_LETTER);
    assertThat(deadRead.lastError()).isEqualTo("HTTP 400");
    assertThat(
            await(
                () ->
                    a.deliveries()
                        .newestFirst(
                            new DeliveryFilter(c.id(), DeliveryStatus.DEAD_LETTER, null, null),
                            null,
                            10)))
        .extracting(Delivery::lastError)
        .containsExactly("HTTP 400");
  }

  @StoreContract
  void aLateAttemptOutcomeNeverOverwritesANewerState(StoreKind kind) throws Throwable {
    Adapters a = adapters(kind);
    Channel c = channel();
    await(() -> a.tx().inTransaction(() -> a.channels().insert(c)));
    Delivery d = delivery(c, "e-" + UUID.randomUUID(), 7, Instant.now());
    await(() -> a.tx().inTransaction(() -> a.deliveries().enqueue(d)));
    Delivery queued = await(() -> a.deliveries().find(d.id()));
    // Two workers read the same pending row; the first outcome wins, the late one is refused.
    Delivery dead = queued.attempted(DeliveryStatus.DEAD_LETTER, null, 410, "HTTP 410", 5, null);
    Delivery late =
        queued.attempted(DeliveryStatus.PENDING, Instant.now(), null, "timeout", 9000, null);
    assertThat(await(() -> a.tx().inTransaction(() -> a.deliveries().save(dead, queued)))).isTrue();
    assertThat(await(() -> a.tx().inTransaction(() -> a.deliveries().save(late, queued))))
        .isFalse();
    Delivery stored = await(() -> a.deliveries().find(d.id()));
    assertThat(stored.status()).isEqualTo(DeliveryStatus.DEAD_LETTER);
    assertThat(stored.lastError()).isEqualTo("HTTP 410");
    // A redeliver moves on from the dead letter it read.
    Delivery again = stored.requeued(Instant.now());
    assertThat(await(() -> a.tx().inTransaction(() -> a.deliveries().save(again, stored))))
        .isTrue();
    assertThat(await(() -> a.deliveries().find(d.id())).status()).isEqualTo(DeliveryStatus.PENDING);
  }

  @StoreContract
  void aDigestClaimsTheQueuedDeliveriesOnceAndALeaseThatRanOutIsClaimedAgain(StoreKind kind)
      throws Throwable {
    String tag = UUID.randomUUID() + "-"; // digest ids unique in a reused database
    Adapters a = adapters(kind);
    Channel c = channel();
    Channel other = channel();
    await(() -> a.tx().inTransaction(() -> a.channels().insert(c)));
    await(() -> a.tx().inTransaction(() -> a.channels().insert(other)));
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    // Queued inside the interval (due later): a digest takes them all, oldest event first.
    Delivery d1 = delivery(c, "e1-" + UUID.randomUUID(), 301, now.plusSeconds(60));
    Delivery d2 = delivery(c, "e2-" + UUID.randomUUID(), 302, now.plusSeconds(90));
    Delivery d3 = delivery(c, "e3-" + UUID.randomUUID(), 303, now.plusSeconds(99));
    // (Due later, so this app's own dispatcher leaves it alone too.)
    Delivery elsewhere = delivery(other, "e4-" + UUID.randomUUID(), 304, now.plusSeconds(600));
    for (Delivery d : List.of(d3, d1, d2, elsewhere)) {
      await(() -> a.tx().inTransaction(() -> a.deliveries().enqueue(d)));
    }
    Instant lease = now.plusSeconds(120);

    assertThat(claim(a, c, tag + "dg-1", now, lease, 2))
        .extracting(Delivery::id)
        .containsExactly(d1.id(), d2.id());
    assertThat(claim(a, c, tag + "dg-2", now, lease, 500))
        .extracting(Delivery::id)
        .containsExactly(d3.id());
    // Held by the live claims: a second replica gets nothing.
    assertThat(claim(a, c, tag + "dg-3", now, lease, 500)).isEmpty();
    assertThat(await(() -> a.deliveries().find(d1.id())).nextAttemptAt()).isEqualTo(lease);

    // dg-1's replica died: after its lease the deliveries are claimed again, by a new digest ...
    Instant later = lease.plusSeconds(1);
    assertThat(claim(a, c, tag + "dg-4", later, later.plusSeconds(120), 500))
        .extracting(Delivery::id)
        .containsExactly(d1.id(), d2.id(), d3.id());
    // ... and an outcome of the old claim that arrives late changes nothing.
    assertThat(
            await(
                () ->
                    a.tx()
                        .inTransaction(
                            () -> a.deliveries().digestDelivered(tag + "dg-1", null, 5, later))))
        .isZero();

    // dg-4 fails: released for a retry, the attempt counted; claimed again, then delivered.
    Instant retry = later.plusSeconds(30);
    assertThat(
            await(
                () ->
                    a.tx()
                        .inTransaction(
                            () ->
                                a.deliveries()
                                    .digestFailed(tag + "dg-4", "SMTP: down", 7, retry, 5))))
        .isEqualTo(3);
    Delivery failed = await(() -> a.deliveries().find(d2.id()));
    assertThat(failed.status()).isEqualTo(DeliveryStatus.PENDING);
    assertThat(failed.attempts()).isEqualTo(1);
    assertThat(failed.lastError()).isEqualTo("SMTP: down");
    assertThat(failed.nextAttemptAt()).isEqualTo(retry);
    assertThat(claim(a, c, tag + "dg-5", retry, retry.plusSeconds(120), 500)).hasSize(3);
    assertThat(
            await(
                () ->
                    a.tx()
                        .inTransaction(
                            () -> a.deliveries().digestDelivered(tag + "dg-5", null, 12, retry))))
        .isEqualTo(3);
    Delivery delivered = await(() -> a.deliveries().find(d3.id()));
    assertThat(delivered.status()).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(delivered.attempts()).isEqualTo(2);
    assertThat(delivered.deliveredAt()).isEqualTo(retry);
    assertThat(delivered.lastError()).isNull();
    // Nothing is left to claim; the other channel's delivery was never touched.
    assertThat(claim(a, c, tag + "dg-6", retry.plusSeconds(999), retry.plusSeconds(1200), 500))
        .isEmpty();
    assertThat(await(() -> a.deliveries().find(elsewhere.id())).attempts()).isZero();
  }

  @StoreContract
  void aDigestThatFailsItsLastAttemptIsDeadLettered(StoreKind kind) throws Throwable {
    String tag = UUID.randomUUID() + "-"; // digest ids unique in a reused database
    Adapters a = adapters(kind);
    Channel c = channel();
    await(() -> a.tx().inTransaction(() -> a.channels().insert(c)));
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Delivery d = delivery(c, "e-" + UUID.randomUUID(), 401, now);
    await(() -> a.tx().inTransaction(() -> a.deliveries().enqueue(d)));
    assertThat(claim(a, c, tag + "dl-1", now, now.plusSeconds(60), 500)).hasSize(1);
    assertThat(
            await(
                () ->
                    a.tx()
                        .inTransaction(
                            () ->
                                a.deliveries()
                                    .digestFailed(
                                        tag + "dl-1", "SMTP: 550", 3, now.plusSeconds(5), 1))))
        .isEqualTo(1);
    Delivery dead = await(() -> a.deliveries().find(d.id()));
    assertThat(dead.status()).isEqualTo(DeliveryStatus.DEAD_LETTER);
    assertThat(dead.nextAttemptAt()).isNull();
    assertThat(claim(a, c, tag + "dl-2", now.plusSeconds(60), now.plusSeconds(120), 500)).isEmpty();
  }

  private static List<Delivery> claim(
      Adapters a, Channel c, String digestId, Instant now, Instant lease, int limit)
      throws Throwable {
    return await(
        () ->
            a.tx()
                .inTransaction(
                    () -> a.deliveries().claimDigest(c.id(), digestId, now, lease, limit)));
  }

  @StoreContract
  void theCursorIsStoredAndTheEventLogIsReadAfterIt(StoreKind kind) throws Throwable {
    Adapters a = adapters(kind);
    String name = "contract-" + UUID.randomUUID();
    assertThat(await(() -> a.deliveries().cursor(name))).isNull();
    LoggedEvent e =
        new LoggedEvent(
            null,
            UUID.randomUUID().toString(),
            "dev.modelmanager.test.x",
            "/t",
            "s",
            null,
            "mm.test",
            "{\"n\":1}",
            Instant.now().truncatedTo(ChronoUnit.MILLIS));
    long before = await(() -> a.deliveries().lastEventSeq());
    await(() -> a.tx().inTransaction(() -> a.events().append(e)));
    long after = await(() -> a.deliveries().lastEventSeq());
    assertThat(after).isGreaterThan(before);
    List<LoggedEvent> read = await(() -> a.deliveries().eventsAfter(before, 100));
    assertThat(read).extracting(LoggedEvent::id).contains(e.id());
    await(() -> a.tx().inTransaction(() -> a.deliveries().saveCursor(name, after)));
    await(() -> a.tx().inTransaction(() -> a.deliveries().saveCursor(name, after)));
    assertThat(await(() -> a.deliveries().cursor(name))).isEqualTo(after);
  }

  private static List<Delivery> heads(Adapters a, Channel c, Instant now) throws Throwable {
    return await(() -> a.deliveries().dueHeads(now, 1000)).stream()
        .filter(d -> d.channelId().equals(c.id()))
        .toList();
  }

  private static Channel channel() {
    Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    return new Channel(
        UUID.randomUUID().toString(),
        "c-" + UUID.randomUUID(),
        ChannelType.WEBHOOK,
        "https://hooks.example/x",
        List.of("dev.modelmanager.weights.*"),
        Severity.WARNING,
        Map.of("model", "a/b"),
        "whsec_abc",
        true,
        "alice",
        t,
        t,
        null);
  }

  private static Delivery delivery(Channel c, String eventId, long seq, Instant due) {
    Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    return new Delivery(
        null,
        UUID.randomUUID().toString(),
        c.id(),
        eventId,
        seq,
        "dev.modelmanager.test.x",
        "{\"id\":\"" + eventId + "\"}",
        DeliveryStatus.PENDING,
        0,
        due.truncatedTo(ChronoUnit.MILLIS),
        null,
        null,
        null,
        t,
        null);
  }
}
