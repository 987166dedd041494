package dev.modelmanager.weights.store;

import dev.modelmanager.kit.store.StoreSelector;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

/** The adapters of the active store ({@code mm.store}). */
@ApplicationScoped
public class WeightsStores {
  @Produces
  @ApplicationScoped
  InstallJobStore jobs(
      StoreSelector s,
      Instance<PostgresInstallJobStore> pg,
      Instance<SqliteInstallJobStore> sqlite) {
    return s.choose(pg, sqlite);
  }

  @Produces
  @ApplicationScoped
  PartStore parts(
      StoreSelector s, Instance<PostgresPartStore> pg, Instance<SqlitePartStore> sqlite) {
    return s.choose(pg, sqlite);
  }

  @Produces
  @ApplicationScoped
  SnapshotStore snapshots(
      StoreSelector s, Instance<PostgresSnapshotStore> pg, Instance<SqliteSnapshotStore> sqlite) {
    return s.choose(pg, sqlite);
  }

  @Produces
  @ApplicationScoped
  BlobHoldStore holds(
      StoreSelector s, Instance<PostgresBlobHoldStore> pg, Instance<SqliteBlobHoldStore> sqlite) {
    return s.choose(pg, sqlite);
  }

  @Produces
  @ApplicationScoped
  DeploymentUsageStore usage(
      StoreSelector s,
      Instance<PostgresDeploymentUsageStore> pg,
      Instance<SqliteDeploymentUsageStore> sqlite) {
    return s.choose(pg, sqlite);
  }

  @Produces
  @ApplicationScoped
  DiskReservationStore reservations(
      StoreSelector s,
      Instance<PostgresDiskReservationStore> pg,
      Instance<SqliteDiskReservationStore> sqlite) {
    return s.choose(pg, sqlite);
  }
}
