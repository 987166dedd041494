package dev.modelmanager.weights.api;

import dev.modelmanager.weights.domain.Reconciliation;
import java.time.Instant;
import java.util.List;

/** What one reconciliation of disk and database found. */
public record ReconcileReport(
    Instant checkedAt,
    List<SnapshotView> adopted,
    List<SnapshotView> missing,
    List<Reconciliation.UnreferencedBlob> unreferencedBlobs) {

  static ReconcileReport of(Reconciliation r) {
    return new ReconcileReport(
        r.checkedAt(),
        SnapshotView.of(r.adopted()),
        SnapshotView.of(r.missing()),
        r.unreferencedBlobs());
  }
}
