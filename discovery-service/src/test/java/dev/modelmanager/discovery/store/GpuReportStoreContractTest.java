package dev.modelmanager.discovery.store;

import static dev.modelmanager.testkit.store.StoreContracts.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelmanager.discovery.domain.gpu.GpuReport;
import dev.modelmanager.kit.store.PostgresTransactor;
import dev.modelmanager.kit.store.SqliteTransactor;
import dev.modelmanager.kit.store.Transactor;
import dev.modelmanager.testkit.store.StoreContract;
import dev.modelmanager.testkit.store.StoreContractProfile;
import dev.modelmanager.testkit.store.StoreKind;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One behaviour contract for the GPU report store, run against real Postgres and a SQLite file. */
@QuarkusTest
@TestProfile(StoreContractProfile.class)
class GpuReportStoreContractTest {
  // Far from now, so the reports other tests post never fall into these windows.
  private static final Instant T0 = Instant.parse("2031-03-01T10:00:00Z");

  @Inject PostgresGpuReportStore postgresStore;
  @Inject SqliteGpuReportStore sqliteStore;
  @Inject PostgresTransactor postgresTx;
  @Inject SqliteTransactor sqliteTx;

  record Adapters(GpuReportStore store, Transactor tx) {
    void save(GpuReport report) throws Throwable {
      await(() -> tx.inTransaction(() -> store.save(report)));
    }

    List<GpuReport> since(Instant notBefore, String nodePrefix) throws Throwable {
      return await(() -> store.since(notBefore)).stream()
          .filter(r -> r.node().startsWith(nodePrefix))
          .toList();
    }
  }

  Adapters adapters(StoreKind kind) {
    return kind.pick(new Adapters(postgresStore, postgresTx), new Adapters(sqliteStore, sqliteTx));
  }

  @StoreContract
  void aSavedReportReadsBackWhole(StoreKind kind) throws Throwable {
    Adapters a = adapters(kind);
    GpuReport report =
        new GpuReport(
            "whole-" + kind,
            List.of(
                new GpuReport.Gpu("NVIDIA H100 80GB HBM3", 81559L << 20, 8, 3),
                new GpuReport.Gpu("NVIDIA L4", 23034L << 20, 2, null)),
            Map.of("nvidia.com/gpu.count", "8", "kubernetes.io/hostname", "whole"),
            T0.plusMillis(250));
    a.save(report);

    assertThat(a.since(T0, "whole-" + kind)).containsExactly(report);
  }

  @StoreContract
  void aNewerReportReplacesTheNodesEarlierOne(StoreKind kind) throws Throwable {
    Adapters a = adapters(kind);
    String node = "replace-" + kind;
    a.save(report(node, 8, T0));
    GpuReport newer = report(node, 4, T0.plusSeconds(30));
    a.save(newer);

    assertThat(a.since(T0, node)).containsExactly(newer);
  }

  @StoreContract
  void anOlderReportNeverReplacesANewerOne(StoreKind kind) throws Throwable {
    Adapters a = adapters(kind);
    String node = "late-" + kind;
    GpuReport newer = report(node, 4, T0.plusMillis(500));
    a.save(newer);
    // Same second, no fraction: unpadded text ("...00Z") would sort after "...00.500Z".
    a.save(report(node, 8, T0));

    assertThat(a.since(T0, node)).containsExactly(newer);
  }

  @StoreContract
  void sinceKeepsReportsAtOrAfterTheCutoffOrderedByNode(StoreKind kind) throws Throwable {
    Adapters a = adapters(kind);
    String prefix = "since-" + kind + "-";
    a.save(report(prefix + "c", 1, T0.plusMillis(5_500)));
    a.save(report(prefix + "a", 1, T0.plusSeconds(5)));
    a.save(report(prefix + "b", 1, T0.plusMillis(4_999)));

    assertThat(a.since(T0.plusSeconds(5), prefix))
        .extracting(GpuReport::node)
        .containsExactly(prefix + "a", prefix + "c");
  }

  @StoreContract
  void deleteOlderThanRemovesOnlyExpiredReports(StoreKind kind) throws Throwable {
    Adapters a = adapters(kind);
    String prefix = "expire-" + kind + "-";
    Instant longAgo = Instant.parse("2001-01-01T00:00:00Z");
    a.save(report(prefix + "old", 1, longAgo));
    a.save(report(prefix + "new", 1, longAgo.plusSeconds(60)));

    int deleted =
        await(() -> a.tx().inTransaction(() -> a.store().deleteOlderThan(longAgo.plusSeconds(1))));

    assertThat(deleted).isEqualTo(1);
    assertThat(a.since(Instant.EPOCH, prefix))
        .extracting(GpuReport::node)
        .containsExactly(prefix + "new");
  }

  private static GpuReport report(String node, int count, Instant at) {
    return new GpuReport(
        node,
        List.of(new GpuReport.Gpu("NVIDIA-A100-SXM4-80GB", 81920L << 20, count, 0)),
        Map.of(),
        at);
  }
}
