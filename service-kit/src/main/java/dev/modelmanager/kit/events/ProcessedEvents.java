package dev.modelmanager.kit.events;

import io.smallrye.mutiny.Uni;

/** Consumer-side deduplication: remembers which event ids a consumer has already applied. */
public interface ProcessedEvents {
  /**
   * Records that {@code consumer} applies {@code eventId}, inside the caller's transaction. False
   * when it was applied before: the caller must then skip its effect.
   */
  Uni<Boolean> firstDelivery(String consumer, String eventId);

  /** Forgets deliveries recorded before {@code cutoff}; answers how many records went. */
  Uni<Integer> deleteProcessedBefore(java.time.Instant cutoff);
}
