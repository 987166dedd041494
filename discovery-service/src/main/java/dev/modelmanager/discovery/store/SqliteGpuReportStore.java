package dev.modelmanager.discovery.store;

import dev.modelmanager.discovery.domain.gpu.GpuReport;
import dev.modelmanager.kit.store.SqliteDatabase;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.templates.SqlTemplate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * SqlTemplate adapter over the local SQLite file; joins the caller's transaction when there is one.
 */
@ApplicationScoped
@Typed(SqliteGpuReportStore.class)
public class SqliteGpuReportStore implements GpuReportStore {
  // Fixed width, so instants compare correctly as text ("...00Z" would sort after "...00.5Z").
  private static final DateTimeFormatter SORTABLE =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private final SqliteDatabase db;
  private final GpuReportJson json;

  SqliteGpuReportStore(SqliteDatabase db, GpuReportJson json) {
    this.db = db;
    this.json = json;
  }

  @Override
  public Uni<Void> save(GpuReport report) {
    return SqlTemplate.forUpdate(
            db.client(),
            "insert into gpu_report(node, gpus, labels, reported_at)"
                + " values (#{node}, #{gpus}, #{labels}, #{reportedAt})"
                + " on conflict(node) do update set gpus = excluded.gpus,"
                + " labels = excluded.labels, reported_at = excluded.reported_at"
                + " where gpu_report.reported_at <= excluded.reported_at")
        .execute(
            Map.of(
                "node", report.node(),
                "gpus", json.gpus(report),
                "labels", json.labels(report),
                "reportedAt", SORTABLE.format(report.reportedAt())))
        .replaceWithVoid();
  }

  @Override
  public Uni<List<GpuReport>> since(Instant notBefore) {
    return SqlTemplate.forQuery(
            db.client(),
            "select node, gpus, labels, reported_at from gpu_report"
                + " where reported_at >= #{notBefore} order by node")
        .execute(Map.of("notBefore", SORTABLE.format(notBefore)))
        .map(
            rows -> {
              List<GpuReport> reports = new ArrayList<>();
              for (Row r : rows) {
                reports.add(
                    json.read(
                        r.getString("node"),
                        r.getString("gpus"),
                        r.getString("labels"),
                        Instant.parse(r.getString("reported_at"))));
              }
              return reports;
            });
  }

  @Override
  public Uni<Integer> deleteOlderThan(Instant cutoff) {
    return SqlTemplate.forUpdate(
            db.client(), "delete from gpu_report where reported_at < #{cutoff}")
        .execute(Map.of("cutoff", SORTABLE.format(cutoff)))
        .map(r -> r.rowCount());
  }
}
