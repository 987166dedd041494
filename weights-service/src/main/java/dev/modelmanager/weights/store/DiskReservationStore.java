package dev.modelmanager.weights.store;

import io.smallrye.mutiny.Uni;
import java.util.UUID;

/**
 * Bytes admitted installs are still to write, per storage location, shared by every replica that
 * uses the location: admission of an install subtracts what the other open jobs reserved, under a
 * per-location lock, so two replicas never both count on the same free space. Runs inside the
 * caller's transaction (the admission commits with the job's save); reservations of jobs that are
 * no longer open do not count.
 */
public interface DiskReservationStore {
  /** Whether {@code reserve} admitted the job, and what other open jobs had reserved. */
  record Admission(boolean admitted, long reservedByOthers) {}

  /**
   * Reserves {@code bytes} on {@code location} for {@code job} (replacing its previous reservation)
   * if the reservations of the other open jobs plus {@code bytes} fit in {@code availableBytes};
   * otherwise reserves nothing.
   */
  Uni<Admission> reserve(String location, UUID job, long bytes, long availableBytes);

  /** Drops the reservation of {@code job}. */
  Uni<Void> release(UUID job);

  /** Bytes reserved on {@code location} by open jobs. */
  Uni<Long> reserved(String location);
}
