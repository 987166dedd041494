package dev.modelmanager.gateway.store;

import static dev.modelmanager.testkit.store.StoreContracts.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelmanager.gateway.audit.AuditChain;
import dev.modelmanager.gateway.audit.AuditEntry;
import dev.modelmanager.gateway.audit.AuditQuery;
import dev.modelmanager.gateway.audit.AuditRecord;
import dev.modelmanager.gateway.audit.AuditTrail;
import dev.modelmanager.testkit.postgres.PostgresResource;
import dev.modelmanager.testkit.store.StoreContract;
import dev.modelmanager.testkit.store.StoreContractProfile;
import dev.modelmanager.testkit.store.StoreKind;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** One behaviour contract for the audit chain, run against real Postgres and a real SQLite file. */
@QuarkusTest
@TestProfile(StoreContractProfile.class)
class AuditStoreContractTest {
  @Inject PostgresAuditStore postgresStore;
  @Inject SqliteAuditStore sqliteStore;
  @Inject AuditTrail appTrail;
  @Inject Vertx vertx;

  @ConfigProperty(name = "mm.sqlite.path")
  String sqlitePath;

  AuditStore store(StoreKind kind) {
    return kind.pick(postgresStore, sqliteStore);
  }

  /** A trail of its own over the adapter, as one gateway replica would have. */
  AuditTrail trail(StoreKind kind) {
    return new AuditTrail(
        store(kind),
        new AuditChain(appTrail.keys()),
        vertx,
        new SimpleMeterRegistry(),
        10_000,
        7,
        Duration.ofMillis(200));
  }

  @StoreContract
  void appendedEntriesChainInOrderAndComeBackWithEveryField(StoreKind kind) throws Throwable {
    AuditStore store = store(kind);
    String actor = unique("actor");
    AuditEntry first = entry(actor, "POST /api/v1/weights/installs", List.of(), "201");
    AuditEntry second =
        entry(actor, "DELETE /api/v1/weights/snapshots/{id}", List.of("snap-1", "x\"y"), "204");
    List<AuditRecord> written = await(() -> store.append(List.of(first, second), chain()));

    assertThat(written).hasSize(2);
    assertThat(written.get(1).seq()).isEqualTo(written.get(0).seq() + 1);
    assertThat(written.get(1).prevHash()).isEqualTo(written.get(0).hash());
    List<AuditRecord> found =
        await(() -> store.find(query(actor, null, null, null), null, true, 10));
    assertThat(found).containsExactlyElementsOf(written);
    assertThat(found.get(1).entry()).isEqualTo(second);
    assertThat(await(store::head).lastSeq()).isGreaterThanOrEqualTo(written.get(1).seq());
    assertThat(await(() -> trail(kind).verify()).valid()).isTrue();
  }

  @StoreContract
  void everyFilterAndTheCursorNarrowTheRecords(StoreKind kind) throws Throwable {
    AuditStore store = store(kind);
    String actor = unique("actor");
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(1, ChronoUnit.HOURS);
    List<AuditEntry> entries = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      entries.add(
          new AuditEntry(
              t0.plusSeconds(i),
              AuditEntry.REQUEST,
              new AuditEntry.Actor(actor, "A", "oidc", null),
              i % 2 == 0 ? "POST /a" : "PUT /b/{id}",
              List.of("t" + i, "shared-" + actor),
              i == 3 ? "403" : "200",
              "req-" + i,
              "127.0.0.1",
              null));
    }
    await(() -> store.append(entries, chain()));

    assertThat(actions(store, query(actor, "POST /a", null, null), null, true))
        .containsExactly("POST /a", "POST /a");
    assertThat(requestIds(store, query(actor, null, "t2", null), null, true))
        .containsExactly("req-2");
    assertThat(requestIds(store, query(actor, null, "shared-" + actor, null), null, true))
        .hasSize(4);
    assertThat(requestIds(store, query(actor, null, null, "403"), null, true))
        .containsExactly("req-3");
    AuditQuery window =
        new AuditQuery(actor, null, null, null, t0.plusSeconds(1), t0.plusSeconds(3));
    assertThat(requestIds(store, window, null, true)).containsExactly("req-1", "req-2");

    List<AuditRecord> newest =
        await(() -> store.find(query(actor, null, null, null), null, false, 2));
    assertThat(newest).extracting(r -> r.entry().requestId()).containsExactly("req-3", "req-2");
    long cursor = newest.get(1).seq();
    assertThat(requestIds(store, query(actor, null, null, null), cursor, false))
        .containsExactly("req-1", "req-0");
    assertThat(requestIds(store, query(actor, null, null, null), cursor, true))
        .containsExactly("req-3");
  }

  @StoreContract
  void detailsComeBackAsSignedAndTheHistoryFilterTakesItsPrefixLiterally(StoreKind kind)
      throws Throwable {
    AuditStore store = store(kind);
    String job = unique("job");
    AuditEntry.Actor actor = new AuditEntry.Actor(unique("actor"), null, null, null);
    List<AuditEntry> entries = new ArrayList<>();
    for (String action : List.of("EVENT a_b.created", "EVENT aXb.created", "EVENT c.failed")) {
      entries.add(
          new AuditEntry(
              Instant.now(),
              AuditEntry.EVENT,
              actor,
              action,
              List.of(job),
              "queued",
              null,
              null,
              UUID.randomUUID().toString(),
              AuditEntry.sorted(
                  java.util.Map.of(
                      "repo", "acme/m", "reason", "quote \" backslash \\ é 🚀", "z", "1"))));
    }
    List<AuditRecord> written = await(() -> store.append(entries, chain()));

    List<AuditRecord> found =
        await(() -> store.find(AuditQuery.history(job, "EVENT a_b."), null, true, 10));
    // "a_b." matches literally: not "aXb." (as LIKE's _ wildcard would), not "c.".
    assertThat(found).containsExactly(written.get(0));
    assertThat(found.get(0).entry().details()).isEqualTo(entries.get(0).details());
    assertThat(found.get(0).entry().details().keySet()).containsExactly("reason", "repo", "z");
    assertThat(AuditChain.intact(found.get(0), appTrail.keys().publicKey())).isTrue();
    assertThat(await(() -> store.find(AuditQuery.history(job, "EVENT a%"), null, true, 10)))
        .isEmpty();
  }

  @StoreContract
  void anOutcomeEventDeliveredTwiceIsRecordedOnce(StoreKind kind) throws Throwable {
    AuditStore store = store(kind);
    String actor = unique("actor");
    String eventId = UUID.randomUUID().toString();
    AuditEntry outcome =
        new AuditEntry(
            Instant.now(),
            AuditEntry.EVENT,
            new AuditEntry.Actor(actor, null, null, null),
            "EVENT dev.modelmanager.weights.install.succeeded",
            List.of("job-1"),
            "succeeded",
            null,
            null,
            eventId);
    assertThat(await(() -> store.append(List.of(outcome), chain()))).hasSize(1);
    assertThat(await(() -> store.append(List.of(outcome), chain()))).isEmpty();
    assertThat(await(() -> store.find(query(actor, null, null, null), null, true, 10))).hasSize(1);
  }

  @StoreContract
  void twoWritersRacingKeepOneValidChainWithoutGaps(StoreKind kind) throws Throwable {
    String actor = unique("race");
    AuditTrail replicaA = trail(kind);
    AuditTrail replicaB = trail(kind);
    int each = 40;
    Thread a = new Thread(() -> submit(replicaA, actor, "A", each));
    Thread b = new Thread(() -> submit(replicaB, actor, "B", each));
    a.start();
    b.start();
    a.join();
    b.join();
    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> replicaA.idle() && replicaB.idle());

    List<AuditRecord> mine =
        await(() -> store(kind).find(query(actor, null, null, null), null, true, 500));
    assertThat(mine).hasSize(2 * each);
    assertThat(mine).extracting(r -> r.entry().requestId()).doesNotHaveDuplicates();
    AuditTrail.Verification v = await(() -> replicaA.verify());
    assertThat(v.valid()).as("verification %s", v).isTrue();
    assertThat(v.firstBrokenId()).isNull();
    assertThat(v.checked()).isEqualTo(await(store(kind)::head).lastSeq());
  }

  @StoreContract
  void anEditedRowIsReportedByVerify(StoreKind kind) throws Throwable {
    AuditStore store = store(kind);
    String actor = unique("edit");
    List<AuditRecord> written =
        await(
            () ->
                store.append(
                    List.of(
                        entry(actor, "POST /x", List.of(), "201"),
                        entry(actor, "POST /y", List.of(), "403"),
                        entry(actor, "POST /z", List.of(), "201")),
                    chain()));
    long victim = written.get(1).seq();
    sql(kind, "update " + table(kind) + " set outcome = '201' where seq = " + victim);
    try {
      AuditTrail.Verification v = await(() -> trail(kind).verify());
      assertThat(v.valid()).isFalse();
      assertThat(v.firstBrokenId()).isEqualTo(victim);
    } finally {
      sql(kind, "update " + table(kind) + " set outcome = '403' where seq = " + victim);
    }
    assertThat(await(() -> trail(kind).verify()).valid()).isTrue();
  }

  @StoreContract
  void aDeletedMiddleRowAndADeletedLastRowAreReportedByVerify(StoreKind kind) throws Throwable {
    AuditStore store = store(kind);
    String actor = unique("delete");
    List<AuditRecord> written =
        await(
            () ->
                store.append(
                    List.of(
                        entry(actor, "POST /x", List.of(), "201"),
                        entry(actor, "POST /y", List.of(), "201"),
                        entry(actor, "POST /z", List.of(), "201")),
                    chain()));
    for (AuditRecord victim : List.of(written.get(1), written.get(2))) {
      String backup = "audit_backup_" + kind.name().toLowerCase();
      sql(
          kind,
          "create table "
              + backup
              + " as select * from "
              + table(kind)
              + " where seq = "
              + victim.seq());
      sql(kind, "delete from " + table(kind) + " where seq = " + victim.seq());
      try {
        AuditTrail.Verification v = await(() -> trail(kind).verify());
        assertThat(v.valid()).isFalse();
        assertThat(v.firstBrokenId()).isEqualTo(victim.seq());
      } finally {
        sql(kind, "insert into " + table(kind) + " select * from " + backup);
        sql(kind, "drop table " + backup);
      }
    }
    assertThat(await(() -> trail(kind).verify()).valid()).isTrue();
  }

  private static void submit(AuditTrail trail, String actor, String replica, int count) {
    for (int i = 0; i < count; i++) {
      trail.record(
          new AuditEntry(
              Instant.now(),
              AuditEntry.REQUEST,
              new AuditEntry.Actor(actor, replica, "api_token", "t"),
              "POST /race",
              List.of(),
              "201",
              replica + "-" + i,
              null,
              null));
    }
  }

  private AuditChain chain() {
    return new AuditChain(appTrail.keys());
  }

  private static String table(StoreKind kind) {
    return kind.pick("gateway.audit_record", "audit_record");
  }

  private void sql(StoreKind kind, String statement) throws Exception {
    PostgresResource.Endpoint pg = PostgresResource.endpoint();
    try (Connection c =
            kind == StoreKind.POSTGRES
                ? DriverManager.getConnection(pg.jdbcUrl(), pg.user(), "")
                : DriverManager.getConnection("jdbc:sqlite:" + sqlitePath);
        Statement s = c.createStatement()) {
      s.execute(
          kind == StoreKind.POSTGRES
              ? statement.replace("audit_backup", "gateway.audit_backup")
              : statement);
    }
  }

  private static List<String> actions(AuditStore store, AuditQuery q, Long cursor, boolean asc)
      throws Throwable {
    return await(() -> store.find(q, cursor, asc, 100)).stream()
        .map(r -> r.entry().action())
        .toList();
  }

  private static List<String> requestIds(AuditStore store, AuditQuery q, Long cursor, boolean asc)
      throws Throwable {
    return await(() -> store.find(q, cursor, asc, 100)).stream()
        .map(r -> r.entry().requestId())
        .toList();
  }

  private static AuditQuery query(String actor, String action, String target, String outcome) {
    return new AuditQuery(actor, action, target, outcome, null, null);
  }

  private static AuditEntry entry(
      String actor, String action, List<String> targets, String outcome) {
    return new AuditEntry(
        Instant.now(),
        AuditEntry.REQUEST,
        new AuditEntry.Actor(actor, "Name of " + actor, "api_token", "tok-1"),
        action,
        targets,
        outcome,
        UUID.randomUUID().toString(),
        "192.0.2.1",
        null);
  }

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
