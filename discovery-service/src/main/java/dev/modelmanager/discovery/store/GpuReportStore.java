package dev.modelmanager.discovery.store;

import dev.modelmanager.discovery.domain.gpu.GpuReport;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.List;

/**
 * The latest GPU report per node; writes join the caller's transaction. Both adapters pass
 * GpuReportStoreContractTest.
 */
public interface GpuReportStore {
  /** Stores the report as its node's latest; an older report never replaces a newer one. */
  Uni<Void> save(GpuReport report);

  /** Reports received at or after {@code notBefore}, ordered by node. */
  Uni<List<GpuReport>> since(Instant notBefore);

  /** Deletes reports received before {@code cutoff}; answers how many. */
  Uni<Integer> deleteOlderThan(Instant cutoff);
}
