package dev.modelmanager.testkit.hub;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The repositories a fake hub serves, found by id or by an old (renamed) id. */
final class RepoRegistry {

  private final Map<String, HubRepo> byId = new ConcurrentHashMap<>();
  private final Map<String, String> renamed = new ConcurrentHashMap<>();

  void add(HubRepo repo) {
    remove(repo.id());
    byId.put(repo.id(), repo);
    repo.renamedFrom().forEach(old -> renamed.put(old, repo.id()));
  }

  void remove(String id) {
    HubRepo old = byId.remove(id);
    if (old != null) {
      old.renamedFrom().forEach(alias -> renamed.remove(alias, id));
    }
  }

  Optional<HubRepo> get(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  Collection<HubRepo> all() {
    return List.copyOf(byId.values());
  }

  /**
   * Finds the repo named by the path segments from {@code start}: {@code org/name} first, then a
   * legacy one-segment id such as {@code bert-base-uncased}.
   */
  Optional<RepoMatch> match(List<String> segments, int start) {
    List<Integer> lengths = new ArrayList<>();
    if (segments.size() >= start + 2) {
      lengths.add(2);
    }
    if (segments.size() >= start + 1) {
      lengths.add(1);
    }
    for (int length : lengths) {
      String id = String.join("/", segments.subList(start, start + length));
      HubRepo repo = byId.get(id);
      if (repo != null) {
        return Optional.of(new RepoMatch(repo, id, length, false));
      }
      String target = renamed.get(id);
      if (target != null && byId.containsKey(target)) {
        return Optional.of(new RepoMatch(byId.get(target), id, length, true));
      }
    }
    return Optional.empty();
  }

  /** A repository found in a path: the id as requested and how many segments it spans. */
  record RepoMatch(HubRepo repo, String requestedId, int segmentCount, boolean renamed) {

    /** The request path with the old id replaced by the current one (for a 307). */
    String redirectPath(List<String> segments, int start, String rawQuery) {
      List<String> rest = segments.subList(start + segmentCount, segments.size());
      StringBuilder location = new StringBuilder();
      segments
          .subList(0, start)
          .forEach(s -> location.append('/').append(UrlPaths.encodeSegment(s)));
      location.append('/').append(repo.id());
      rest.forEach(s -> location.append('/').append(UrlPaths.encodeSegment(s)));
      return rawQuery == null ? location.toString() : location + "?" + rawQuery;
    }
  }
}
