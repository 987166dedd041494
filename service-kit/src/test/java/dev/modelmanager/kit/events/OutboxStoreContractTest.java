package dev.modelmanager.kit.events;

import static dev.modelmanager.testkit.store.StoreContracts.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.modelmanager.kit.store.PostgresTransactor;
import dev.modelmanager.kit.store.SqliteTransactor;
import dev.modelmanager.kit.store.Transactor;
import dev.modelmanager.model.events.CloudEvent;
import dev.modelmanager.testkit.store.StoreContract;
import dev.modelmanager.testkit.store.StoreContractProfile;
import dev.modelmanager.testkit.store.StoreKind;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * The outbox and the dedupe records over both stores: the relay's order, its stop at the first
 * failed publish, and the retention of published rows and of dedupe records.
 */
@QuarkusTest
@TestProfile(StoreContractProfile.class)
class OutboxStoreContractTest {
  @Inject PostgresOutbox postgresOutbox;
  @Inject SqliteOutbox sqliteOutbox;
  @Inject PostgresOutboxStore postgresRelayStore;
  @Inject PostgresTransactor postgresTx;
  @Inject SqliteTransactor sqliteTx;
  @Inject PostgresProcessedEvents postgresProcessed;
  @Inject SqliteProcessedEvents sqliteProcessed;
  @Inject RetentionCleanup cleanup;
  @Inject io.micrometer.core.instrument.MeterRegistry registry;

  record Adapters(Outbox outbox, OutboxStore relay, Transactor tx, ProcessedEvents processed) {}

  Adapters adapters(StoreKind kind) {
    return kind.pick(
        new Adapters(postgresOutbox, postgresRelayStore, postgresTx, postgresProcessed),
        new Adapters(sqliteOutbox, sqliteOutbox, sqliteTx, sqliteProcessed));
  }

  @StoreContract
  void theRelayPublishesInAppendOrderAndStopsAtTheFirstFailure(StoreKind kind) throws Throwable {
    Adapters a = adapters(kind);
    drain(a);
    List<String> appended = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      appended.add(append(a, "agg-" + (i % 2)));
    }
    List<String> published = new ArrayList<>();
    String failing = appended.get(3);
    Function<PendingEvent, Uni<Void>> failAtFourth =
        e -> {
          if (e.payload().contains(failing)) {
            return Uni.createFrom().failure(new IllegalStateException("broker down"));
          }
          published.add(eventId(e));
          return Uni.createFrom().voidItem();
        };

    assertThat(await(() -> a.relay().relayBatch(100, failAtFourth))).isEqualTo(3);
    assertThat(published).containsExactlyElementsOf(appended.subList(0, 3));

    // The next drain starts again at the event that failed, in order, and nothing is repeated.
    published.clear();
    assertThat(await(() -> a.relay().relayBatch(100, record(published)))).isEqualTo(2);
    assertThat(published).containsExactlyElementsOf(appended.subList(3, 5));
    assertThat(await(() -> a.relay().relayBatch(100, record(published)))).isZero();
  }

  @StoreContract
  void aBatchTakesAtMostItsLimitOldestFirst(StoreKind kind) throws Throwable {
    Adapters a = adapters(kind);
    drain(a);
    List<String> appended = List.of(append(a, "x"), append(a, "x"), append(a, "x"));
    List<String> published = new ArrayList<>();
    assertThat(await(() -> a.relay().relayBatch(2, record(published)))).isEqualTo(2);
    assertThat(published).containsExactlyElementsOf(appended.subList(0, 2));
  }

  @StoreContract
  void theBacklogCountsUnsentRowsAndDatesTheOldest(StoreKind kind) throws Throwable {
    Adapters a = adapters(kind);
    drain(a);
    OutboxStore.Backlog empty = await(() -> a.relay().backlog());
    assertThat(empty.pending()).isZero();
    assertThat(empty.oldest()).isNull();
    assertThat(empty.oldestAgeSeconds(Instant.now())).isZero();

    Instant before = Instant.now().minusSeconds(5);
    append(a, "backlog");
    append(a, "backlog");
    OutboxStore.Backlog two = await(() -> a.relay().backlog());
    assertThat(two.pending()).isEqualTo(2);
    assertThat(two.oldest()).isAfter(before).isBefore(Instant.now().plusSeconds(5));
    assertThat(two.oldestAgeSeconds(two.oldest().plusSeconds(90))).isEqualTo(90.0);

    await(() -> a.relay().relayBatch(1, e -> Uni.createFrom().voidItem()));
    assertThat(await(() -> a.relay().backlog()).pending()).isEqualTo(1);
    drain(a);
    assertThat(await(() -> a.relay().backlog()).pending()).isZero();
  }

  @org.junit.jupiter.api.Test
  void theBacklogGaugesFollowTheActiveOutbox() throws Throwable {
    Adapters a = adapters(StoreKind.POSTGRES);
    drain(a);
    append(a, "gauge");
    // mm.outbox.metrics-interval is 1s in the kit's tests; the relay itself is off.
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              assertThat(registry.get("mm_outbox_pending_events").gauge().value()).isEqualTo(1.0);
              assertThat(registry.get("mm_outbox_oldest_pending_age_seconds").gauge().value())
                  .isGreaterThan(0.0);
            });
    drain(a);
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              assertThat(registry.get("mm_outbox_pending_events").gauge().value()).isZero();
              assertThat(registry.get("mm_outbox_oldest_pending_age_seconds").gauge().value())
                  .isZero();
            });
  }

  @StoreContract
  void publishedRowsPastTheRetentionAreDeletedAndUnpublishedOnesNever(StoreKind kind)
      throws Throwable {
    Adapters a = adapters(kind);
    drain(a);
    append(a, "old");
    await(() -> a.relay().relayBatch(100, e -> Uni.createFrom().voidItem()));
    append(a, "pending");

    // Published just now: kept while the cutoff lies before its publication.
    assertThat(await(() -> a.relay().deletePublishedBefore(Instant.now().minusSeconds(60))))
        .isZero();
    assertThat(await(() -> a.relay().deletePublishedBefore(Instant.now().plusSeconds(60))))
        .isGreaterThanOrEqualTo(1);
    // The unpublished event survived every cleanup and still goes out.
    List<String> published = new ArrayList<>();
    await(() -> a.relay().relayBatch(100, record(published)));
    assertThat(published).hasSize(1);
  }

  @StoreContract
  void dedupeRecordsAreKeptUntilTheirRetentionThenForgotten(StoreKind kind) throws Throwable {
    Adapters a = adapters(kind);
    String id = UUID.randomUUID().toString();
    assertThat(firstDelivery(a, id)).isTrue();
    assertThat(firstDelivery(a, id)).isFalse();

    assertThat(await(() -> a.processed().deleteProcessedBefore(Instant.now().minusSeconds(60))))
        .isZero();
    assertThat(await(() -> a.processed().deleteProcessedBefore(Instant.now().plusSeconds(60))))
        .isGreaterThanOrEqualTo(1);
    assertThat(firstDelivery(a, id)).isTrue();
  }

  @org.junit.jupiter.api.Test
  void theScheduledCleanupDeletesWhatIsPastEachRetentionInTheActiveStore() throws Throwable {
    Adapters a = adapters(StoreKind.POSTGRES);
    drain(a);
    append(a, "cleanup");
    await(() -> a.relay().relayBatch(100, e -> Uni.createFrom().voidItem()));
    String id = UUID.randomUUID().toString();
    firstDelivery(a, id);

    // Within both retentions (7 and 14 days by default): nothing goes.
    await(() -> cleanup.purge(Instant.now().plus(Duration.ofDays(6))));
    assertThat(firstDelivery(a, id)).isFalse();
    // Past both: the published row and the dedupe record are gone.
    assertThat(await(() -> cleanup.purge(Instant.now().plus(Duration.ofDays(15)))))
        .isGreaterThanOrEqualTo(2);
    assertThat(firstDelivery(a, id)).isTrue();
  }

  private boolean firstDelivery(Adapters a, String id) throws Throwable {
    return await(() -> a.tx().inTransaction(() -> a.processed().firstDelivery("contract", id)));
  }

  private static void drain(Adapters a) throws Throwable {
    while (await(() -> a.relay().relayBatch(500, e -> Uni.createFrom().voidItem())) > 0) {
      // earlier tests' rows: published and out of the way
    }
  }

  private static Function<PendingEvent, Uni<Void>> record(List<String> published) {
    return e -> {
      published.add(eventId(e));
      return Uni.createFrom().voidItem();
    };
  }

  private static String append(Adapters a, String aggregate) throws Throwable {
    CloudEvent event =
        CloudEvent.create(
            "/test/outbox",
            "dev.modelmanager.test.outbox",
            aggregate,
            JsonNodeFactory.instance.objectNode().put("at", Duration.ofMillis(1).toString()));
    await(
        () ->
            a.tx()
                .inTransaction(
                    () ->
                        a.outbox()
                            .append(new OutboxMessage("mm.test", "thing", aggregate, event))));
    return event.id();
  }

  private static String eventId(PendingEvent e) {
    int at = e.payload().indexOf("\"id\":\"") + 6;
    return e.payload().substring(at, e.payload().indexOf('"', at));
  }
}
