package dev.modelmanager.weights.store;

import io.smallrye.mutiny.Uni;
import java.util.Set;

/** Parts of a blob's {@code .incomplete} file that are written and synced. */
public interface PartStore {
  Uni<Set<Integer>> done(String location, String blob);

  Uni<Void> markDone(String location, String blob, int index);

  /** Forgets every part of a blob (verified, or discarded after a mismatch). */
  Uni<Void> clear(String location, String blob);
}
