package dev.modelmanager.catalog.store;

import dev.modelmanager.catalog.domain.CatalogEntry;
import dev.modelmanager.catalog.domain.ReloadRecord;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Hibernate Reactive Panache adapter; joins the caller's session and transaction when there is one.
 */
@ApplicationScoped
@Typed(PostgresCatalogStore.class)
@WithSession
public class PostgresCatalogStore implements CatalogStore {

  @Override
  public Uni<List<CatalogEntry>> all() {
    return CatalogEntryEntity.<CatalogEntryEntity>listAll(Sort.by("id"))
        .map(l -> l.stream().map(PostgresCatalogStore::toEntry).toList());
  }

  @Override
  public Uni<Optional<CatalogEntry>> find(String id) {
    return CatalogEntryEntity.<CatalogEntryEntity>findById(id)
        .map(e -> Optional.ofNullable(e).map(PostgresCatalogStore::toEntry));
  }

  @Override
  public Uni<List<CatalogEntry>> page(String afterId, int limit, String repo) {
    var query =
        CatalogEntryEntity.<CatalogEntryEntity>find(
            "id > ?1 and (?2 = '' or repo = ?2)",
            Sort.by("id"),
            afterId == null ? "" : afterId,
            repo == null ? "" : repo);
    return query
        .page(0, limit)
        .list()
        .map(l -> l.stream().map(PostgresCatalogStore::toEntry).toList());
  }

  @Override
  public Uni<Void> upsert(CatalogEntry entry, String commit) {
    return CatalogEntryEntity.<CatalogEntryEntity>findById(entry.id())
        .chain(
            existing -> {
              CatalogEntryEntity e = existing != null ? existing : new CatalogEntryEntity();
              e.id = entry.id();
              e.repo = entry.repo();
              e.revision = entry.revision();
              e.description = entry.description();
              e.document = entry.document();
              e.contentHash = entry.contentHash();
              e.sourcePath = entry.sourcePath();
              e.sourceCommit = commit;
              e.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
              return existing != null ? Uni.createFrom().voidItem() : e.persist().replaceWithVoid();
            });
  }

  @Override
  public Uni<Void> delete(String id) {
    return CatalogEntryEntity.deleteById(id).replaceWithVoid();
  }

  @Override
  public Uni<Void> saveReload(ReloadRecord r) {
    CatalogReloadEntity e = new CatalogReloadEntity();
    e.id = r.id();
    e.sourceCommit = r.commit();
    e.finishedAt = r.finishedAt().atOffset(ZoneOffset.UTC);
    e.entries = r.entries();
    e.added = r.added();
    e.updated = r.updated();
    e.removed = r.removed();
    return e.persist().replaceWithVoid();
  }

  @Override
  public Uni<Optional<ReloadRecord>> lastReload() {
    return CatalogReloadEntity.<CatalogReloadEntity>findAll(Sort.descending("finishedAt"))
        .firstResult()
        .map(
            e ->
                Optional.ofNullable(e)
                    .map(
                        r ->
                            new ReloadRecord(
                                r.id,
                                r.sourceCommit,
                                r.finishedAt.toInstant(),
                                r.entries,
                                r.added,
                                r.updated,
                                r.removed)));
  }

  private static CatalogEntry toEntry(CatalogEntryEntity e) {
    return new CatalogEntry(
        e.id,
        e.repo,
        e.revision,
        e.description,
        e.document,
        e.contentHash,
        e.sourcePath,
        e.sourceCommit);
  }
}
