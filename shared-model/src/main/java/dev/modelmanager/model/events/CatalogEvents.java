package dev.modelmanager.model.events;

import java.util.List;

/** Payloads ({@code data}) of the catalog service's events. */
public final class CatalogEvents {

  /** A reload read the catalog repository at {@code commit} and applied the differences. */
  public record Reloaded(
      String reloadId,
      String commit,
      int entries,
      List<String> added,
      List<String> updated,
      List<String> removed) {}

  /** One entry was added, changed or removed by a reload. */
  public record EntryChanged(String entryId, String repo, String revision, String commit) {}

  private CatalogEvents() {}
}
