package dev.modelmanager.weights.api;

/** A storage location and how full it is. */
public record LocationView(
    String name,
    String path,
    String pvcName,
    long capacityBytes,
    long usedBytes,
    long freeBytes,
    double warnPercent,
    double criticalPercent,
    String level) {}
