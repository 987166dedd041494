package dev.modelmanager.catalog.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What a reload changes: entries new in git, changed in git, and gone from git. */
public record CatalogDiff(
    List<CatalogEntry> added, List<CatalogEntry> updated, List<String> removed) {

  public static CatalogDiff between(List<CatalogEntry> stored, List<CatalogEntry> incoming) {
    Map<String, CatalogEntry> before = index(stored);
    Map<String, CatalogEntry> after = index(incoming);
    List<CatalogEntry> added = new ArrayList<>();
    List<CatalogEntry> updated = new ArrayList<>();
    for (CatalogEntry e : after.values()) {
      CatalogEntry old = before.get(e.id());
      if (old == null) {
        added.add(e);
      } else if (!old.contentHash().equals(e.contentHash())) {
        updated.add(e);
      }
    }
    List<String> removed =
        before.keySet().stream().filter(id -> !after.containsKey(id)).sorted().toList();
    return new CatalogDiff(added, updated, removed);
  }

  public boolean isEmpty() {
    return added.isEmpty() && updated.isEmpty() && removed.isEmpty();
  }

  private static Map<String, CatalogEntry> index(List<CatalogEntry> entries) {
    return entries.stream()
        .collect(
            Collectors.toMap(CatalogEntry::id, Function.identity(), (a, b) -> a, TreeMap::new));
  }
}
