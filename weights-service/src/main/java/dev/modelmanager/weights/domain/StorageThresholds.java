package dev.modelmanager.weights.domain;

/** Usage levels of a storage location against its warn/critical percentages. */
public final class StorageThresholds {

  /** How full a location is. */
  public enum Level {
    OK,
    WARN,
    CRITICAL
  }

  private StorageThresholds() {}

  public static Level level(
      long usedBytes, long capacityBytes, double warnPercent, double criticalPercent) {
    if (capacityBytes <= 0) {
      return Level.OK;
    }
    double percent = 100.0 * usedBytes / capacityBytes;
    if (percent >= criticalPercent) {
      return Level.CRITICAL;
    }
    return percent >= warnPercent ? Level.WARN : Level.OK;
  }

  /** Bytes an install needs free: what is missing plus the headroom kept for everyone else. */
  public static boolean admits(long missingBytes, long headroomBytes, long freeBytes) {
    return missingBytes + headroomBytes <= freeBytes;
  }
}
