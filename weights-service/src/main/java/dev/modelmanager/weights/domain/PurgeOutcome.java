package dev.modelmanager.weights.domain;

import java.util.List;

/** The purge plan (dry run) or what a purge deleted. */
public record PurgeOutcome(
    PurgePolicy.Kind policy,
    String location,
    boolean dryRun,
    long freeBytesBefore,
    long bytesFreed,
    int blobsFreed,
    List<InstalledSnapshot> snapshots) {}
