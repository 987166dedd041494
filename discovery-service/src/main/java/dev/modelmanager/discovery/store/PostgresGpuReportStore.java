package dev.modelmanager.discovery.store;

import dev.modelmanager.discovery.domain.gpu.GpuReport;
import dev.modelmanager.kit.config.KitConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Hibernate Reactive Panache adapter; joins the caller's session and transaction when there is one.
 */
@ApplicationScoped
@Typed(PostgresGpuReportStore.class)
@WithSession
public class PostgresGpuReportStore implements GpuReportStore {
  private final GpuReportJson json;
  // Native SQL does not get Hibernate's default schema: name the service's schema explicitly.
  private final String table;

  PostgresGpuReportStore(GpuReportJson json, KitConfig config) {
    this.json = json;
    this.table = config.schema() + ".gpu_report";
  }

  @Override
  public Uni<Void> save(GpuReport report) {
    // One statement, so two replicas receiving the first report of a node cannot both insert.
    return Panache.getSession()
        .chain(
            s ->
                s.createNativeQuery(
                        "insert into "
                            + table
                            + " (node, gpus, labels, reported_at) values (?1, ?2, ?3, ?4)"
                            + " on conflict (node) do update set gpus = excluded.gpus,"
                            + " labels = excluded.labels, reported_at = excluded.reported_at"
                            + " where "
                            + table
                            + ".reported_at <= excluded.reported_at")
                    .setParameter(1, report.node())
                    .setParameter(2, json.gpus(report))
                    .setParameter(3, json.labels(report))
                    .setParameter(4, report.reportedAt().atOffset(ZoneOffset.UTC))
                    .executeUpdate())
        .replaceWithVoid();
  }

  @Override
  public Uni<List<GpuReport>> since(Instant notBefore) {
    return GpuReportEntity.<GpuReportEntity>list(
            "reportedAt >= ?1", Sort.by("node"), notBefore.atOffset(ZoneOffset.UTC))
        .map(
            rows ->
                rows.stream()
                    .map(r -> json.read(r.node, r.gpus, r.labels, r.reportedAt.toInstant()))
                    .toList());
  }

  @Override
  public Uni<Integer> deleteOlderThan(Instant cutoff) {
    return GpuReportEntity.delete("reportedAt < ?1", cutoff.atOffset(ZoneOffset.UTC))
        .map(Long::intValue);
  }
}
