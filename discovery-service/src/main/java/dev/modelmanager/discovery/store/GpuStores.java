package dev.modelmanager.discovery.store;

import dev.modelmanager.kit.store.StoreSelector;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

/** The GPU report store of the active {@code mm.store}. */
@ApplicationScoped
public class GpuStores {
  @Produces
  @ApplicationScoped
  GpuReportStore gpuReports(
      StoreSelector selector,
      Instance<PostgresGpuReportStore> postgres,
      Instance<SqliteGpuReportStore> sqlite) {
    return selector.choose(postgres, sqlite);
  }
}
