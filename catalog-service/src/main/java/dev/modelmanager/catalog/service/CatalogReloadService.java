package dev.modelmanager.catalog.service;

import dev.modelmanager.catalog.client.CatalogSnapshot;
import dev.modelmanager.catalog.client.GitCatalogSource;
import dev.modelmanager.catalog.domain.CatalogDiff;
import dev.modelmanager.catalog.domain.CatalogEntry;
import dev.modelmanager.catalog.domain.EntryParser;
import dev.modelmanager.catalog.domain.ReloadRecord;
import dev.modelmanager.catalog.events.CatalogOutbox;
import dev.modelmanager.catalog.store.CatalogStore;
import dev.modelmanager.kit.store.Transactor;
import dev.modelmanager.kit.web.ProblemException;
import dev.modelmanager.model.events.CatalogEvents;
import dev.modelmanager.model.events.EventTypes;
import dev.modelmanager.model.problem.Problem;
import dev.modelmanager.model.problem.ProblemType;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reload: read the catalog branch, diff it against the stored entries, and apply the difference
 * together with its events in one transaction.
 */
@ApplicationScoped
public class CatalogReloadService {
  private final GitCatalogSource source;
  private final CatalogStore store;
  private final Transactor transactor;
  private final CatalogOutbox events;
  private final CatalogMetrics metrics;
  private final AtomicBoolean running = new AtomicBoolean();

  CatalogReloadService(
      GitCatalogSource source,
      CatalogStore store,
      Transactor transactor,
      CatalogOutbox events,
      CatalogMetrics metrics) {
    this.source = source;
    this.store = store;
    this.transactor = transactor;
    this.events = events;
    this.metrics = metrics;
  }

  /** Reloads from git; one reload at a time per replica. */
  public Uni<CatalogEvents.Reloaded> reload() {
    if (!running.compareAndSet(false, true)) {
      return Uni.createFrom()
          .failure(ProblemException.conflict("A catalog reload is already running"));
    }
    long started = System.nanoTime();
    return source
        .latest()
        .chain(snapshot -> transactor.inTransaction(() -> apply(snapshot, parse(snapshot))))
        .invoke(r -> metrics.reloaded(System.nanoTime() - started, r.entries()))
        .eventually(() -> running.set(false));
  }

  private static List<CatalogEntry> parse(CatalogSnapshot snapshot) {
    EntryParser.Result parsed = EntryParser.parse(snapshot.commit(), snapshot.files());
    if (!parsed.errors().isEmpty()) {
      ProblemType t = ProblemType.INVALID_CONTENT;
      throw new ProblemException(
          new Problem(
              t.uri(),
              t.title(),
              t.status(),
              "The catalog at "
                  + snapshot.commit()
                  + " has "
                  + parsed.errors().size()
                  + " invalid entries; nothing was changed",
              null,
              null,
              parsed.errors()));
    }
    return parsed.entries();
  }

  private Uni<CatalogEvents.Reloaded> apply(CatalogSnapshot snapshot, List<CatalogEntry> incoming) {
    return store
        .all()
        .chain(
            stored -> {
              CatalogDiff diff = CatalogDiff.between(stored, incoming);
              CatalogEvents.Reloaded result =
                  new CatalogEvents.Reloaded(
                      UUID.randomUUID().toString(),
                      snapshot.commit(),
                      incoming.size(),
                      diff.added().stream().map(CatalogEntry::id).toList(),
                      diff.updated().stream().map(CatalogEntry::id).toList(),
                      diff.removed());
              return writeChanges(snapshot.commit(), diff, stored)
                  .chain(() -> store.saveReload(record(result)))
                  .chain(
                      () ->
                          events.append("catalog", "catalog", EventTypes.CATALOG_RELOADED, result))
                  .replaceWith(result);
            });
  }

  private Uni<Void> writeChanges(String commit, CatalogDiff diff, List<CatalogEntry> stored) {
    List<Uni<Void>> steps = new ArrayList<>();
    for (CatalogEntry e : diff.added()) {
      steps.add(
          store
              .upsert(e, commit)
              .chain(() -> entryEvent(EventTypes.CATALOG_ENTRY_ADDED, e, commit)));
    }
    for (CatalogEntry e : diff.updated()) {
      steps.add(
          store
              .upsert(e, commit)
              .chain(() -> entryEvent(EventTypes.CATALOG_ENTRY_UPDATED, e, commit)));
    }
    for (String id : diff.removed()) {
      CatalogEntry gone = stored.stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
      steps.add(
          store.delete(id).chain(() -> entryEvent(EventTypes.CATALOG_ENTRY_REMOVED, gone, commit)));
    }
    // One session allows one operation at a time: run the steps strictly in sequence.
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (Uni<Void> step : steps) {
      chain = chain.chain(() -> step);
    }
    return chain;
  }

  private Uni<Void> entryEvent(String type, CatalogEntry e, String commit) {
    return events.append(
        "catalog-entry",
        e.id(),
        type,
        new CatalogEvents.EntryChanged(e.id(), e.repo(), e.revision(), commit));
  }

  private static ReloadRecord record(CatalogEvents.Reloaded r) {
    return new ReloadRecord(
        UUID.fromString(r.reloadId()),
        r.commit(),
        Instant.now(),
        r.entries(),
        r.added().size(),
        r.updated().size(),
        r.removed().size());
  }
}
