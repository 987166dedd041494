package dev.modelmanager.weights.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * Which install jobs to list, newest first, and where the page starts.
 *
 * @param state only jobs in this state, or null
 * @param repo only jobs of this repo, or null
 * @param location only jobs of this location, or null
 * @param after the (createdAt, id) of the last job of the previous page, or null
 * @param text a case-insensitive substring of repo or revision, matched literally, or null
 */
public record JobQuery(InstallState state, String repo, String location, After after, String text) {
  /** Without a text filter. */
  public JobQuery(InstallState state, String repo, String location, After after) {
    this(state, repo, location, after, null);
  }

  /** {@link #text} as a LIKE pattern ({@link LikePatterns#contains}), or null. */
  public String likePattern() {
    return LikePatterns.contains(text);
  }

  /** A keyset position: the page continues with jobs strictly older than this one. */
  public record After(Instant createdAt, UUID id) {}
}
