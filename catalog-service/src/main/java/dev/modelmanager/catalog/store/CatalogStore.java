package dev.modelmanager.catalog.store;

import dev.modelmanager.catalog.domain.CatalogEntry;
import dev.modelmanager.catalog.domain.ReloadRecord;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Optional;

/**
 * Persistence of catalog entries and reload history; both adapters pass CatalogStoreContractTest.
 */
public interface CatalogStore {
  Uni<List<CatalogEntry>> all();

  Uni<Optional<CatalogEntry>> find(String id);

  /**
   * Entries ordered by id, starting after {@code afterId} (null for the first page), only those of
   * Hugging Face repo {@code repo} when it is not null.
   */
  Uni<List<CatalogEntry>> page(String afterId, int limit, String repo);

  Uni<Void> upsert(CatalogEntry entry, String commit);

  Uni<Void> delete(String id);

  Uni<Void> saveReload(ReloadRecord reload);

  Uni<Optional<ReloadRecord>> lastReload();
}
