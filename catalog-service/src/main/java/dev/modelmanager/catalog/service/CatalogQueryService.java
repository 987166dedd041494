package dev.modelmanager.catalog.service;

import dev.modelmanager.catalog.domain.CatalogEntry;
import dev.modelmanager.catalog.domain.EntryIds;
import dev.modelmanager.catalog.store.CatalogStore;
import dev.modelmanager.kit.web.ProblemException;
import dev.modelmanager.model.api.Page;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Reads of the approved catalog. */
@ApplicationScoped
public class CatalogQueryService {
  private final CatalogStore store;

  CatalogQueryService(CatalogStore store) {
    this.store = store;
  }

  /**
   * A page of entries; the cursor is the last id of the previous page (an {@link EntryIds#REGEX},
   * checked by the resource).
   */
  public Uni<Page<CatalogEntry>> list(int limit, String cursor, String repo) {
    return store
        .page(cursor, limit + 1, repo)
        .map(
            rows -> {
              boolean more = rows.size() > limit;
              List<CatalogEntry> items = more ? rows.subList(0, limit) : rows;
              return new Page<>(items, more ? items.get(items.size() - 1).id() : null);
            });
  }

  public Uni<CatalogEntry> get(String id) {
    return store
        .find(id)
        .map(e -> e.orElseThrow(() -> ProblemException.notFound("No catalog entry '" + id + "'")));
  }
}
