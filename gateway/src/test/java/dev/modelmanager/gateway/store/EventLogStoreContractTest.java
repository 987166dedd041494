package dev.modelmanager.gateway.store;

import static dev.modelmanager.testkit.store.StoreContracts.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.modelmanager.gateway.domain.LoggedEvent;
import dev.modelmanager.gateway.service.EventLogService;
import dev.modelmanager.kit.events.PostgresProcessedEvents;
import dev.modelmanager.kit.events.ProcessedEvents;
import dev.modelmanager.kit.events.SqliteProcessedEvents;
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
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** One behaviour contract for the event log, run against real Postgres and a real SQLite file. */
@QuarkusTest
@TestProfile(StoreContractProfile.class)
class EventLogStoreContractTest {
  @Inject PostgresEventLogStore postgresStore;
  @Inject SqliteEventLogStore sqliteStore;
  @Inject PostgresTransactor postgresTx;
  @Inject SqliteTransactor sqliteTx;
  @Inject PostgresProcessedEvents postgresProcessed;
  @Inject SqliteProcessedEvents sqliteProcessed;

  record Adapters(EventLogStore store, Transactor tx, ProcessedEvents processed) {
    EventLogService service() {
      return new EventLogService(store, processed, tx);
    }
  }

  Adapters adapters(StoreKind kind) {
    return kind.pick(
        new Adapters(postgresStore, postgresTx, postgresProcessed),
        new Adapters(sqliteStore, sqliteTx, sqliteProcessed));
  }

  @StoreContract
  void appendedEventsComeBackNewestFirstWithEveryField(StoreKind kind) throws Throwable {
    Adapters a = adapters(kind);
    String type = uniqueType();
    Instant time = Instant.parse("2025-03-04T05:06:07.123Z");
    LoggedEvent older = event(type, time, "{\"n\":1,\"tags\":[\"a\"]}");
    LoggedEvent newer = event(type, null, null);
    await(() -> a.tx().inTransaction(() -> a.store().append(older)));
    await(() -> a.tx().inTransaction(() -> a.store().append(newer)));

    List<LoggedEvent> found = await(() -> a.store().newestFirst(null, type, 10));
    assertThat(found).extracting(LoggedEvent::id).containsExactly(newer.id(), older.id());
    LoggedEvent o = found.get(1);
    assertThat(o.seq()).isLessThan(found.get(0).seq());
    assertThat(o.type()).isEqualTo(type);
    assertThat(o.source()).isEqualTo("/test");
    assertThat(o.subject()).isEqualTo("agg");
    assertThat(o.time()).isEqualTo(time);
    assertThat(o.topic()).isEqualTo("mm.test");
    assertThat(o.data()).isEqualToIgnoringWhitespace("{\"n\":1,\"tags\":[\"a\"]}");
    assertThat(o.receivedAt()).isEqualTo(older.receivedAt());
    assertThat(found.get(0).time()).isNull();
    assertThat(found.get(0).data()).isNull();
  }

  @StoreContract
  void theCursorContinuesBelowTheLastSeqAndTheTypeFilterIsExact(StoreKind kind) throws Throwable {
    Adapters a = adapters(kind);
    String type = uniqueType();
    for (int i = 0; i < 3; i++) {
      LoggedEvent e = event(type, null, "{}");
      await(() -> a.tx().inTransaction(() -> a.store().append(e)));
    }
    LoggedEvent other = event(type + ".other", null, "{}");
    await(() -> a.tx().inTransaction(() -> a.store().append(other)));

    List<LoggedEvent> first = await(() -> a.store().newestFirst(null, type, 2));
    assertThat(first).hasSize(2).allMatch(e -> e.type().equals(type));
    List<LoggedEvent> rest = await(() -> a.store().newestFirst(first.get(1).seq(), type, 2));
    assertThat(rest).hasSize(1);
    assertThat(rest.get(0).seq()).isLessThan(first.get(1).seq());
    List<LoggedEvent> all = await(() -> a.store().newestFirst(null, null, 1));
    assertThat(all).extracting(LoggedEvent::id).containsExactly(other.id());
  }

  @StoreContract
  void anEventDeliveredAgainIsLoggedOnce(StoreKind kind) throws Throwable {
    EventLogService service = adapters(kind).service();
    String type = uniqueType();
    CloudEvent event = cloudEvent(type);
    assertThat(await(() -> service.record(event, "mm.test"))).isTrue();
    assertThat(await(() -> service.record(event, "mm.test"))).isFalse();
    assertThat(await(() -> adapters(kind).store().newestFirst(null, type, 10))).hasSize(1);
  }

  @StoreContract
  void aFailedLogWriteForgetsTheDeliverySoTheRedeliveryIsLogged(StoreKind kind) throws Throwable {
    Adapters a = adapters(kind);
    String type = uniqueType();
    CloudEvent event = cloudEvent(type);
    assertThatThrownBy(
            () ->
                await(
                    () ->
                        a.tx()
                            .inTransaction(
                                () ->
                                    a.processed()
                                        .firstDelivery(EventLogService.CONSUMER, event.id())
                                        .chain(
                                            () ->
                                                Uni.createFrom()
                                                    .failure(new IllegalStateException("boom"))))))
        .hasMessageContaining("boom");
    assertThat(await(() -> a.service().record(event, "mm.test"))).isTrue();
    assertThat(await(() -> a.store().newestFirst(null, type, 10))).hasSize(1);
  }

  @StoreContract
  void eventsReceivedBeforeTheCutoffAreDeletedAndNewerOnesKept(StoreKind kind) throws Throwable {
    Adapters a = adapters(kind);
    String type = uniqueType();
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    LoggedEvent old = received(event(type, null, "{}"), now.minus(40, ChronoUnit.DAYS));
    LoggedEvent recent = received(event(type, null, "{}"), now.minus(1, ChronoUnit.DAYS));
    await(() -> a.tx().inTransaction(() -> a.store().append(old)));
    await(() -> a.tx().inTransaction(() -> a.store().append(recent)));

    assertThat(await(() -> a.store().deleteReceivedBefore(now.minus(30, ChronoUnit.DAYS))))
        .isGreaterThanOrEqualTo(1);
    assertThat(await(() -> a.store().newestFirst(null, type, 10)))
        .extracting(LoggedEvent::id)
        .containsExactly(recent.id());
  }

  private static LoggedEvent received(LoggedEvent e, Instant at) {
    return new LoggedEvent(
        e.seq(), e.id(), e.type(), e.source(), e.subject(), e.time(), e.topic(), e.data(), at);
  }

  private static LoggedEvent event(String type, Instant time, String data) {
    return new LoggedEvent(
        null,
        UUID.randomUUID().toString(),
        type,
        "/test",
        "agg",
        time,
        "mm.test",
        data,
        Instant.now().truncatedTo(ChronoUnit.MILLIS));
  }

  private static CloudEvent cloudEvent(String type) {
    return CloudEvent.create(
        "/test", type, "agg", JsonNodeFactory.instance.objectNode().put("n", 1));
  }

  private static String uniqueType() {
    return "dev.modelmanager.test.contract." + UUID.randomUUID().toString().substring(0, 8);
  }
}
