package dev.modelmanager.weights.engine;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bytes that admitted installs of this replica are still to write, per location: admission of the
 * next install subtracts them from the free space, so two installs never both count on it.
 */
@ApplicationScoped
public class DiskReservations {
  private final Map<String, Map<UUID, Long>> byLocation = new ConcurrentHashMap<>();

  void reserve(String location, UUID job, long bytes) {
    byLocation.computeIfAbsent(location, l -> new ConcurrentHashMap<>()).put(job, bytes);
  }

  void release(UUID job) {
    byLocation.values().forEach(m -> m.remove(job));
  }

  /** Bytes reserved on {@code location} by installs other than {@code job}. */
  public long reservedExcept(String location, UUID job) {
    return byLocation.getOrDefault(location, Map.of()).entrySet().stream()
        .filter(e -> !e.getKey().equals(job))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }
}
