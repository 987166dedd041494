package dev.modelmanager.weights.store;

import io.smallrye.mutiny.Uni;
import java.util.Collection;
import java.util.Set;
import java.util.UUID;

/**
 * Blobs an open install counts as present or is writing: delete and purge leave them on disk until
 * the install ends. Writes join the caller's transaction.
 */
public interface BlobHoldStore {
  /** Holds {@code blobs} of {@code repo} on {@code location} for {@code job} (idempotent). */
  Uni<Void> hold(UUID job, String location, String repo, Collection<String> blobs);

  /** Drops every hold of {@code job}. */
  Uni<Void> release(UUID job);

  /** The blobs of {@code repo} on {@code location} that some install holds. */
  Uni<Set<String>> held(String location, String repo);
}
