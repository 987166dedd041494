package dev.modelmanager.weights.domain;

import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Which installed snapshots to list, ordered by (repo, installedAt, id), and where the page starts.
 *
 * @param statuses only snapshots in one of these statuses, or null for any (empty: none match)
 * @param pinned only pinned (true) or unpinned (false) snapshots, or null
 * @param location only snapshots on this location, or null
 * @param text a case-insensitive substring of repo or revision, matched literally, or null
 * @param after the keyset of the last snapshot of the previous page, or null
 */
public record SnapshotQuery(
    Set<String> statuses, Boolean pinned, String location, String text, After after) {
  public SnapshotQuery {
    statuses = statuses == null ? null : Set.copyOf(statuses);
  }

  /** A keyset position: the page continues with snapshots strictly after this one. */
  public record After(String repo, Instant installedAt, UUID id) {
    public static After of(Snapshot last) {
      return new After(last.repo(), last.installedAt(), last.id());
    }
  }

  /**
   * The statuses a list asks for: {@code status} (any case) if given, narrowed by {@code orphaned}
   * (true: only ORPHANED, false: anything but); null for any.
   */
  public static Set<String> statuses(String status, Boolean orphaned) {
    Set<String> wanted =
        status == null
            ? Set.of(Snapshot.READY, Snapshot.ORPHANED, Snapshot.MISSING)
            : Set.of(status.toUpperCase(Locale.ROOT));
    if (orphaned == null) {
      return status == null ? null : wanted;
    }
    return wanted.stream()
        .filter(s -> Snapshot.ORPHANED.equals(s) == orphaned)
        .collect(Collectors.toUnmodifiableSet());
  }

  /** True when no snapshot can match, so a store need not ask its database. */
  public boolean matchesNothing() {
    return statuses != null && statuses.isEmpty();
  }

  /**
   * The {@code text} as a LIKE pattern in lower case, with {@code !} escaping the wildcards so
   * {@code %} and {@code _} match themselves; null when there is no text filter.
   */
  public String likePattern() {
    return LikePatterns.contains(text);
  }
}
