package dev.modelmanager.weights.hubcache;

import dev.modelmanager.kit.web.ProblemException;
import dev.modelmanager.weights.config.WeightsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The configured storage locations, their layouts and how full they are. */
@ApplicationScoped
public class StorageLocations {

  /** One location as configured, with its layout. */
  public record StorageLocation(
      String name,
      Path path,
      Optional<String> pvcName,
      double warnPercent,
      double criticalPercent,
      long headroomBytes,
      HubCacheLayout layout) {}

  /** Capacity and use of the volume behind a location. */
  public record Usage(long capacityBytes, long usedBytes, long freeBytes) {}

  private final Map<String, StorageLocation> locations = new LinkedHashMap<>();

  StorageLocations(WeightsConfig config) {
    for (WeightsConfig.Location l : config.locations()) {
      if (!l.name().matches("[a-z0-9][a-z0-9-]{0,62}")) {
        throw new IllegalArgumentException("storage location name must be [a-z0-9-]: " + l.name());
      }
      Path path = Path.of(l.path()).toAbsolutePath().normalize();
      try {
        Files.createDirectories(path);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create storage location " + path, e);
      }
      locations.put(
          l.name(),
          new StorageLocation(
              l.name(),
              path,
              l.pvcName(),
              l.warnPercent(),
              l.criticalPercent(),
              l.headroomBytes().orElse(config.headroomBytes()),
              new HubCacheLayout(path)));
    }
    if (locations.isEmpty()) {
      throw new IllegalArgumentException("configure at least one mm.weights.locations[0]");
    }
    locations.values().forEach(StorageLocations::cleanAfterCrash);
  }

  private static void cleanAfterCrash(StorageLocation l) {
    try {
      int removed = l.layout().cleanAfterCrash();
      if (removed > 0) {
        org.jboss.logging.Logger.getLogger(StorageLocations.class)
            .infof(
                "location %s: removed %d leftovers of an interrupted publish", l.name(), removed);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clean staging of location " + l.path(), e);
    }
  }

  public List<StorageLocation> all() {
    return List.copyOf(locations.values());
  }

  public StorageLocation first() {
    return locations.values().iterator().next();
  }

  /** The named location, or a 404 problem. */
  public StorageLocation get(String name) {
    StorageLocation l = locations.get(name);
    if (l == null) {
      throw ProblemException.notFound(
          "No storage location '"
              + name
              + "'; configured: "
              + String.join(", ", locations.keySet()));
    }
    return l;
  }

  public Usage usage(StorageLocation location) {
    try {
      FileStore store = Files.getFileStore(location.path());
      long capacity = store.getTotalSpace();
      long free = store.getUsableSpace();
      return new Usage(capacity, Math.max(0, capacity - store.getUnallocatedSpace()), free);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
