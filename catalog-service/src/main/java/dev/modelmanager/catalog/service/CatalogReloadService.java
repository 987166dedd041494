package dev.modelmanager.catalog.service;

import dev.modelmanager.catalog.client.CatalogSnapshot;
import dev.modelmanager.catalog.client.GitCatalogSource;
import dev.modelmanager.catalog.domain.CatalogDiff;
import dev.modelmanager.catalog.domain.CatalogEntry;
import dev.modelmanager.catalog.domain.EntryParser;
import dev.modelmanager.catalog.domain.ReloadRecord;
import dev.modelmanager.catalog.store.CatalogStore;
import dev.modelmanager.kit.events.EventJson;
import dev.modelmanager.kit.events.Outbox;
import dev.modelmanager.kit.events.OutboxMessage;
import dev.modelmanager.kit.store.Transactor;
import dev.modelmanager.kit.web.ProblemException;
import dev.modelmanager.model.events.CatalogEvents;
import dev.modelmanager.model.events.CloudEvent;
import dev.modelmanager.model.events.EventTypes;
import dev.modelmanager.model.events.Topics;
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
  static final String SOURCE = "/mm/catalog-service";

  private final GitCatalogSource source;
  private final CatalogStore store;
  private final Transactor transactor;
  private final Outbox outbox;
  private final EventJson json;
  private final AtomicBoolean running = new AtomicBoolean();

  CatalogReloadService(
      GitCatalogSource source,
      CatalogStore store,
      Transactor transactor,
      Outbox outbox,
      EventJson json) {
    this.source = source;
    this.store = store;
    this.transactor = transactor;
    this.outbox = outbox;
    this.json = json;
  }

  /** Reloads from git; one reload at a time per replica. */
  public Uni<CatalogEvents.Reloaded> reload() {
    if (!running.compareAndSet(false, true)) {
      return Uni.createFrom()
          .failure(ProblemException.conflict("A catalog reload is already running"));
    }
    return source
        .latest()
        .chain(snapshot -> transactor.inTransaction(() -> apply(snapshot, parse(snapshot))))
        .eventually(() -> running.set(false));
  }

  private static List<CatalogEntry> parse(CatalogSnapshot snapshot) {
    EntryParser.Result parsed = EntryParser.parse(snapshot.files());
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
                          emit(
                              aggregate("catalog", "catalog", EventTypes.CATALOG_RELOADED, result)))
                  .replaceWith(result);
            });
  }

  private Uni<Void> writeChanges(String commit, CatalogDiff diff, List<CatalogEntry> stored) {
    List<Uni<Void>> steps = new ArrayList<>();
    for (CatalogEntry e : diff.added()) {
      steps.add(
          store
              .upsert(e, commit)
              .chain(() -> emit(entryEvent(EventTypes.CATALOG_ENTRY_ADDED, e, commit))));
    }
    for (CatalogEntry e : diff.updated()) {
      steps.add(
          store
              .upsert(e, commit)
              .chain(() -> emit(entryEvent(EventTypes.CATALOG_ENTRY_UPDATED, e, commit))));
    }
    for (String id : diff.removed()) {
      CatalogEntry gone = stored.stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
      steps.add(
          store
              .delete(id)
              .chain(() -> emit(entryEvent(EventTypes.CATALOG_ENTRY_REMOVED, gone, commit))));
    }
    // One session allows one operation at a time: run the steps strictly in sequence.
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (Uni<Void> step : steps) {
      chain = chain.chain(() -> step);
    }
    return chain;
  }

  private OutboxMessage entryEvent(String type, CatalogEntry e, String commit) {
    return aggregate(
        "catalog-entry",
        e.id(),
        type,
        new CatalogEvents.EntryChanged(e.id(), e.repo(), e.revision(), commit));
  }

  private OutboxMessage aggregate(String type, String id, String eventType, Object data) {
    CloudEvent event = CloudEvent.create(SOURCE, eventType, id, json.tree(data));
    return new OutboxMessage(Topics.CATALOG, type, id, event);
  }

  private Uni<Void> emit(OutboxMessage message) {
    return outbox.append(message);
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
