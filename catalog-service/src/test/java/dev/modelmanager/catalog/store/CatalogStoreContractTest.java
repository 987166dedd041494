package dev.modelmanager.catalog.store;

import static dev.modelmanager.testkit.store.StoreContracts.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.modelmanager.catalog.CatalogRepoResource;
import dev.modelmanager.catalog.domain.CatalogEntry;
import dev.modelmanager.catalog.domain.PullRequestRecord;
import dev.modelmanager.catalog.domain.ReloadRecord;
import dev.modelmanager.kit.events.Outbox;
import dev.modelmanager.kit.events.OutboxMessage;
import dev.modelmanager.kit.events.PostgresOutbox;
import dev.modelmanager.kit.events.SqliteOutbox;
import dev.modelmanager.kit.store.PostgresTransactor;
import dev.modelmanager.kit.store.SqliteTransactor;
import dev.modelmanager.kit.store.Transactor;
import dev.modelmanager.model.events.CloudEvent;
import dev.modelmanager.testkit.postgres.PostgresResource;
import dev.modelmanager.testkit.store.StoreContract;
import dev.modelmanager.testkit.store.StoreContractProfile;
import dev.modelmanager.testkit.store.StoreKind;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** One behaviour contract, run against real Postgres and a real SQLite file. */
@QuarkusTest
@TestProfile(CatalogStoreContractTest.Profile.class)
class CatalogStoreContractTest {
  /** The shared contract app plus a catalog repository of its own. */
  public static class Profile extends StoreContractProfile {
    @Override
    protected List<TestResourceEntry> moreResources() {
      return List.of(new TestResourceEntry(CatalogRepoResource.class, Map.of("name", "contract")));
    }
  }

  @Inject PostgresCatalogStore postgresStore;
  @Inject SqliteCatalogStore sqliteStore;
  @Inject PostgresTransactor postgresTx;
  @Inject SqliteTransactor sqliteTx;
  @Inject PostgresOutbox postgresOutbox;
  @Inject SqliteOutbox sqliteOutbox;
  @Inject PostgresPullRequestStore postgresPullRequests;
  @Inject SqlitePullRequestStore sqlitePullRequests;

  @ConfigProperty(name = "mm.sqlite.path")
  String sqlitePath;

  record Adapters(String kind, CatalogStore store, Transactor tx, Outbox outbox) {}

  Adapters adapters(StoreKind kind) {
    return new Adapters(
        kind.name().toLowerCase(Locale.ROOT),
        kind.pick(postgresStore, sqliteStore),
        kind.pick(postgresTx, sqliteTx),
        kind.pick(postgresOutbox, sqliteOutbox));
  }

  @StoreContract
  void upsertInsertsThenReplaces(StoreKind kind) throws Throwable {
    Adapters a = adapters(kind);
    String id = "upsert-" + a.kind();
    await(() -> a.tx().inTransaction(() -> a.store().upsert(entry(id, "org/one", "h1"), "c1")));
    await(() -> a.tx().inTransaction(() -> a.store().upsert(entry(id, "org/two", "h2"), "c2")));

    CatalogEntry found = await(() -> a.store().find(id)).orElseThrow();
    assertThat(found.repo()).isEqualTo("org/two");
    assertThat(found.contentHash()).isEqualTo("h2");
    assertThat(await(() -> a.store().find("missing-" + a.kind()))).isEmpty();
  }

  @StoreContract
  void pagesAreOrderedByIdAndStartAfterTheCursor(StoreKind kind) throws Throwable {
    Adapters a = adapters(kind);
    for (String suffix : new String[] {"c", "a", "b"}) {
      String id = "page-" + a.kind() + "-" + suffix;
      await(() -> a.tx().inTransaction(() -> a.store().upsert(entry(id, "org/x", "h"), "c")));
    }
    var first = await(() -> a.store().page("page-" + a.kind(), 2, null));
    assertThat(first)
        .extracting(CatalogEntry::id)
        .containsExactly("page-" + a.kind() + "-a", "page-" + a.kind() + "-b");
    var next = await(() -> a.store().page("page-" + a.kind() + "-b", 2, null));
    assertThat(next).extracting(CatalogEntry::id).first().isEqualTo("page-" + a.kind() + "-c");
  }

  @StoreContract
  void aRepoFilterKeepsOnlyThatReposEntries(StoreKind kind) throws Throwable {
    Adapters a = adapters(kind);
    String mine = "org/filtered-" + a.kind();
    await(
        () ->
            a.tx()
                .inTransaction(
                    () -> a.store().upsert(entry("repo-" + a.kind() + "-1", mine, "h"), "c")));
    await(
        () ->
            a.tx()
                .inTransaction(
                    () ->
                        a.store().upsert(entry("repo-" + a.kind() + "-2", "org/other", "h"), "c")));
    var found = await(() -> a.store().page(null, 50, mine));
    assertThat(found).extracting(CatalogEntry::id).containsExactly("repo-" + a.kind() + "-1");
  }

  @StoreContract
  void deleteRemovesTheEntry(StoreKind kind) throws Throwable {
    Adapters a = adapters(kind);
    String id = "delete-" + a.kind();
    await(() -> a.tx().inTransaction(() -> a.store().upsert(entry(id, "org/x", "h"), "c")));
    await(() -> a.tx().inTransaction(() -> a.store().delete(id)));
    assertThat(await(() -> a.store().find(id))).isEmpty();
  }

  @StoreContract
  void lastReloadIsTheLatestFinished(StoreKind kind) throws Throwable {
    Adapters a = adapters(kind);
    Instant t = Instant.now().plus(1000, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS);
    ReloadRecord older = new ReloadRecord(UUID.randomUUID(), "old", t, 1, 1, 0, 0);
    ReloadRecord newer = new ReloadRecord(UUID.randomUUID(), "new", t.plusSeconds(5), 2, 1, 1, 0);
    await(
        () ->
            a.tx()
                .inTransaction(
                    () -> a.store().saveReload(older).chain(() -> a.store().saveReload(newer))));
    assertThat(await(() -> a.store().lastReload())).contains(newer);
  }

  @StoreContract
  void aFailedTransactionKeepsNeitherTheChangeNorItsEvent(StoreKind kind) throws Throwable {
    Adapters a = adapters(kind);
    String id = "rollback-" + a.kind();
    CloudEvent event = testEvent(id);
    assertThatThrownBy(
            () ->
                await(
                    () ->
                        a.tx()
                            .inTransaction(
                                () ->
                                    upsertWithEvent(a, id, event)
                                        .chain(
                                            () ->
                                                Uni.createFrom()
                                                    .failure(new IllegalStateException("boom"))))))
        .hasMessageContaining("boom");
    assertThat(await(() -> a.store().find(id))).isEmpty();
    assertThat(outboxHas(a.kind(), event.id())).isFalse();
  }

  @StoreContract
  void aCommittedTransactionKeepsTheChangeAndItsEvent(StoreKind kind) throws Throwable {
    Adapters a = adapters(kind);
    String id = "commit-" + a.kind();
    CloudEvent event = testEvent(id);
    await(() -> a.tx().inTransaction(() -> upsertWithEvent(a, id, event)));
    assertThat(await(() -> a.store().find(id))).isPresent();
    assertThat(outboxHas(a.kind(), event.id())).isTrue();
  }

  @StoreContract
  void pullRequestsAreSavedReplacedPagedAndListedWhenOpen(StoreKind kind) throws Throwable {
    Adapters a = adapters(kind);
    PullRequestStore prs = kind.pick(postgresPullRequests, sqlitePullRequests);
    int base = kind.pick(1000, 2000);
    Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    for (int i = 1; i <= 3; i++) {
      PullRequestRecord pr =
          new PullRequestRecord(
              base + i,
              "e" + i,
              "catalog/e" + i,
              "t" + i,
              "https://x/" + i,
              "open",
              "c" + i,
              "entry",
              t,
              t);
      await(() -> a.tx().inTransaction(() -> prs.save(pr)));
    }
    PullRequestRecord merged =
        await(() -> prs.find(base + 2)).orElseThrow().withState("merged", t.plusSeconds(1));
    await(() -> a.tx().inTransaction(() -> prs.save(merged)));

    assertThat(await(() -> prs.find(base + 2))).contains(merged);
    assertThat(await(() -> prs.open()))
        .extracting(PullRequestRecord::number)
        .contains(base + 1, base + 3)
        .doesNotContain(base + 2);
    assertThat(await(() -> prs.page(base, 2, null)))
        .extracting(PullRequestRecord::number)
        .containsExactly(base + 1, base + 2);
    assertThat(await(() -> prs.page(base + 2, 10, "open")))
        .extracting(PullRequestRecord::number)
        .startsWith(base + 3);
    assertThat(await(() -> prs.page(base, 10, "merged")))
        .extracting(PullRequestRecord::number)
        .containsExactly(base + 2);
  }

  @StoreContract
  void botProposalsAreKeptOnTheirPullRequestAndListedNewestFirst(StoreKind kind) throws Throwable {
    Adapters a = adapters(kind);
    PullRequestStore prs = kind.pick(postgresPullRequests, sqlitePullRequests);
    int base = kind.pick(3000, 4000);
    Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    for (int i = 1; i <= 3; i++) {
      String prKind = i == 2 ? "entry" : "bot";
      PullRequestRecord pr =
          new PullRequestRecord(
              base + i, "e" + i, "b" + i, "t" + i, "https://x/" + i, "open", "c", prKind, t, t);
      await(() -> a.tx().inTransaction(() -> prs.save(pr)));
    }
    assertThat(await(() -> a.tx().inTransaction(() -> prs.saveProposal(base + 3, "{\"p\":3}"))))
        .isTrue();
    assertThat(await(() -> a.tx().inTransaction(() -> prs.saveProposal(base + 9, "{}")))).isFalse();
    // A later save of the pull request (its state moving) keeps the proposal.
    PullRequestRecord merged =
        await(() -> prs.find(base + 3)).orElseThrow().withState("merged", t.plusSeconds(1));
    await(() -> a.tx().inTransaction(() -> prs.save(merged)));

    List<StoredProposal> all = await(() -> prs.proposals(base + 10, 10, null));
    assertThat(all)
        .filteredOn(p -> p.pullRequest().number() > base)
        .containsExactly(
            new StoredProposal(merged, "{\"p\":3}"),
            new StoredProposal(await(() -> prs.find(base + 1)).orElseThrow(), null));
    assertThat(await(() -> prs.proposals(base + 3, 1, null)))
        .extracting(p -> p.pullRequest().number())
        .containsExactly(base + 1);
    assertThat(await(() -> prs.proposals(base + 10, 10, "open")))
        .extracting(p -> p.pullRequest().number())
        .contains(base + 1)
        .doesNotContain(base + 2, base + 3);
  }

  /** A state change and its event, as a use case writes them. */
  private static Uni<Void> upsertWithEvent(Adapters a, String id, CloudEvent event) {
    return a.store()
        .upsert(entry(id, "org/x", "h"), "c")
        .chain(() -> a.outbox().append(new OutboxMessage("mm.catalog", "t", id, event)));
  }

  private static CloudEvent testEvent(String subject) {
    return CloudEvent.create(
        "/test", "dev.modelmanager.test", subject, JsonNodeFactory.instance.objectNode());
  }

  private boolean outboxHas(String kind, String eventId) throws Exception {
    PostgresResource.Endpoint pg = PostgresResource.endpoint();
    try (Connection c =
            kind.equals("postgres")
                ? DriverManager.getConnection(pg.jdbcUrl(), pg.user(), "")
                : DriverManager.getConnection("jdbc:sqlite:" + sqlitePath);
        PreparedStatement s =
            c.prepareStatement(
                kind.equals("postgres")
                    ? "select 1 from catalog.outbox where event_id = ?::uuid"
                    : "select 1 from outbox where event_id = ?")) {
      s.setString(1, eventId);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static CatalogEntry entry(String id, String repo, String hash) {
    return new CatalogEntry(
        id, repo, "main", "d", "{\"id\":\"" + id + "\"}", hash, "models/" + id + ".yaml", null);
  }
}
