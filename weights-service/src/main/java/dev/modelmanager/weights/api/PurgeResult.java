package dev.modelmanager.weights.api;

import dev.modelmanager.weights.domain.PurgeOutcome;
import java.util.List;
import java.util.Locale;

/** The purge plan (dry run) or what was deleted. */
public record PurgeResult(
    String policy,
    String location,
    boolean dryRun,
    long freeBytesBefore,
    long bytesFreed,
    int blobsFreed,
    List<SnapshotView> snapshots) {

  static PurgeResult of(PurgeOutcome o) {
    return new PurgeResult(
        o.policy().name().toLowerCase(Locale.ROOT),
        o.location(),
        o.dryRun(),
        o.freeBytesBefore(),
        o.bytesFreed(),
        o.blobsFreed(),
        SnapshotView.of(o.snapshots()));
  }
}
