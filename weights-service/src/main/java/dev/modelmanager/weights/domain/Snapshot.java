package dev.modelmanager.weights.domain;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * An installed snapshot of a repository at a commit in one location.
 *
 * @param status READY, ORPHANED (found on disk, unknown to the database) or MISSING (files gone)
 * @param blobs blob name → size of every file the snapshot links to
 */
public record Snapshot(
    UUID id,
    String repo,
    String revision,
    String commit,
    String location,
    long sizeBytes,
    int files,
    String status,
    boolean verified,
    boolean pinned,
    Instant installedAt,
    Instant lastAccessedAt,
    Map<String, Long> blobs) {

  public static final String READY = "READY";
  public static final String ORPHANED = "ORPHANED";
  public static final String MISSING = "MISSING";

  public Snapshot withPinned(boolean value) {
    return new Snapshot(
        id,
        repo,
        revision,
        commit,
        location,
        sizeBytes,
        files,
        status,
        verified,
        value,
        installedAt,
        lastAccessedAt,
        blobs);
  }

  public Snapshot withStatus(String value) {
    return new Snapshot(
        id,
        repo,
        revision,
        commit,
        location,
        sizeBytes,
        files,
        value,
        verified,
        pinned,
        installedAt,
        lastAccessedAt,
        blobs);
  }

  /** Blobs as stored: one {@code hash:size} per line. */
  public static String encodeBlobs(Map<String, Long> blobs) {
    StringBuilder b = new StringBuilder();
    blobs.forEach((k, v) -> b.append(k).append(':').append(v).append('\n'));
    return b.toString();
  }

  public static Map<String, Long> decodeBlobs(String text) {
    Map<String, Long> out = new java.util.LinkedHashMap<>();
    if (text != null) {
      for (String line : text.split("\n")) {
        int colon = line.indexOf(':');
        if (colon > 0) {
          out.put(line.substring(0, colon), Long.parseLong(line.substring(colon + 1)));
        }
      }
    }
    return out;
  }
}
