package dev.modelmanager.weights.domain;

import java.time.Instant;
import java.util.List;

/** What one reconciliation of disk and database found. */
public record Reconciliation(
    Instant checkedAt,
    List<InstalledSnapshot> adopted,
    List<InstalledSnapshot> missing,
    List<UnreferencedBlob> unreferencedBlobs) {

  /** A blob in {@code blobs/} that no snapshot links to. */
  public record UnreferencedBlob(String location, String repo, String blob, long sizeBytes) {}
}
