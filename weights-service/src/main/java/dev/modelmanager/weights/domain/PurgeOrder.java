package dev.modelmanager.weights.domain;

/**
 * A validated purge request.
 *
 * @param location the storage location, null for the first configured
 */
public record PurgeOrder(
    PurgePolicy.Kind kind,
    Integer maxAgeDays,
    Long targetFreeBytes,
    String location,
    boolean dryRun) {}
