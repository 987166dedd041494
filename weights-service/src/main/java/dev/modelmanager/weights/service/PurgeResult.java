package dev.modelmanager.weights.service;

import java.util.List;

/** The purge plan (dry run) or what was deleted. */
public record PurgeResult(
    String policy,
    String location,
    boolean dryRun,
    long freeBytesBefore,
    long bytesFreed,
    int blobsFreed,
    List<SnapshotView> snapshots) {}
