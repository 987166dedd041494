package dev.modelmanager.weights.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Chooses snapshots to delete: {@code lru} (least recently accessed first, until the free target is
 * met) or {@code age} (everything not accessed for {@code maxAgeDays}). Pinned and in-use snapshots
 * are never chosen; a blob counts as freed only when no remaining snapshot uses it.
 */
public final class PurgePolicy {

  /** lru or age. */
  public enum Kind {
    LRU,
    AGE
  }

  /** A snapshot as the policy sees it; {@code blobs} maps blob name to size. */
  public record Candidate(
      String id, Instant lastAccessedAt, boolean pinned, boolean inUse, Map<String, Long> blobs) {}

  /** The chosen snapshots and the bytes their deletion frees. */
  public record Decision(List<String> snapshotIds, Set<String> blobsFreed, long bytesFreed) {}

  private PurgePolicy() {}

  public static Decision decide(
      Kind kind,
      List<Candidate> all,
      Integer maxAgeDays,
      Long targetFreeBytes,
      long freeBytes,
      Instant now) {
    List<Candidate> eligible =
        all.stream()
            .filter(c -> !c.pinned() && !c.inUse())
            .sorted(Comparator.comparing(Candidate::lastAccessedAt).thenComparing(Candidate::id))
            .toList();
    List<Candidate> chosen = new ArrayList<>();
    Decision decision = new Decision(List.of(), Set.of(), 0);
    for (Candidate c : eligible) {
      if (kind == Kind.AGE) {
        Instant cutoff = now.minus(Duration.ofDays(maxAgeDays == null ? 30 : maxAgeDays));
        if (!c.lastAccessedAt().isBefore(cutoff)) {
          continue;
        }
      } else if (targetFreeBytes != null && freeBytes + decision.bytesFreed() >= targetFreeBytes) {
        break;
      }
      chosen.add(c);
      decision = freed(all, chosen);
    }
    return decision;
  }

  /** What deleting {@code chosen} frees, given every snapshot in {@code all}. */
  static Decision freed(List<Candidate> all, List<Candidate> chosen) {
    Set<String> chosenIds = new HashSet<>();
    chosen.forEach(c -> chosenIds.add(c.id()));
    Set<String> kept = new HashSet<>();
    all.stream()
        .filter(c -> !chosenIds.contains(c.id()))
        .forEach(c -> kept.addAll(c.blobs().keySet()));
    Map<String, Long> freed = new HashMap<>();
    chosen.forEach(
        c ->
            c.blobs()
                .forEach(
                    (blob, size) -> {
                      if (!kept.contains(blob)) {
                        freed.put(blob, size);
                      }
                    }));
    long bytes = freed.values().stream().mapToLong(Long::longValue).sum();
    return new Decision(chosen.stream().map(Candidate::id).toList(), freed.keySet(), bytes);
  }
}
