package dev.modelmanager.weights.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PurgePolicyTest {
  private static final Instant NOW = Instant.parse("2026-01-31T00:00:00Z");

  private static PurgePolicy.Candidate c(
      String id, int daysAgo, boolean pinned, boolean inUse, Map<String, Long> blobs) {
    return new PurgePolicy.Candidate(id, NOW.minus(Duration.ofDays(daysAgo)), pinned, inUse, blobs);
  }

  private static final List<PurgePolicy.Candidate> ALL =
      List.of(
          c("old-pinned", 100, true, false, Map.of("p", 1000L)),
          c("old-used", 90, false, true, Map.of("u", 1000L)),
          c("old", 60, false, false, Map.of("shared", 100L, "o", 50L)),
          c("newer", 10, false, false, Map.of("shared", 100L, "n", 20L)),
          c("new", 1, false, false, Map.of("x", 5L)));

  @Test
  void lruTakesLeastRecentlyUsedUntilTheTargetAndNeverPinnedOrInUse() {
    PurgePolicy.Decision d = PurgePolicy.decide(PurgePolicy.Kind.LRU, ALL, null, 100L, 0, NOW);
    assertThat(d.snapshotIds()).containsExactly("old", "newer");
    assertThat(d.blobsFreed()).containsExactlyInAnyOrder("o", "shared", "n");
    assertThat(d.bytesFreed()).isEqualTo(170);
  }

  @Test
  void aBlobSharedWithARemainingSnapshotIsNotFreed() {
    PurgePolicy.Decision d = PurgePolicy.decide(PurgePolicy.Kind.LRU, ALL, null, 10L, 0, NOW);
    assertThat(d.snapshotIds()).containsExactly("old");
    assertThat(d.blobsFreed()).containsExactly("o");
    assertThat(d.bytesFreed()).isEqualTo(50);
  }

  @Test
  void ageTakesEverythingOlderThanTheLimit() {
    PurgePolicy.Decision d = PurgePolicy.decide(PurgePolicy.Kind.AGE, ALL, 5, null, 0, NOW);
    assertThat(d.snapshotIds()).containsExactly("old", "newer");
  }

  @Test
  void nothingIsChosenWhenTheTargetIsAlreadyMet() {
    assertThat(PurgePolicy.decide(PurgePolicy.Kind.LRU, ALL, null, 100L, 1000, NOW).snapshotIds())
        .isEmpty();
  }

  @Test
  void thresholdsAndAdmission() {
    assertThat(StorageThresholds.level(79, 100, 80, 90)).isEqualTo(StorageThresholds.Level.OK);
    assertThat(StorageThresholds.level(85, 100, 80, 90)).isEqualTo(StorageThresholds.Level.WARN);
    assertThat(StorageThresholds.level(95, 100, 80, 90))
        .isEqualTo(StorageThresholds.Level.CRITICAL);
    assertThat(StorageThresholds.admits(50, 10, 60)).isTrue();
    assertThat(StorageThresholds.admits(51, 10, 60)).isFalse();
  }

  @Test
  void stateMachineAllowsOnlyForwardMovesAndRequeue() {
    assertThat(InstallState.QUEUED.canMoveTo(InstallState.RESOLVING)).isTrue();
    assertThat(InstallState.DOWNLOADING.canMoveTo(InstallState.VERIFYING)).isTrue();
    assertThat(InstallState.SUCCEEDED.canMoveTo(InstallState.QUEUED)).isFalse();
    assertThat(InstallState.FAILED.canMoveTo(InstallState.QUEUED)).isTrue();
    assertThat(InstallState.VERIFYING.canMoveTo(InstallState.DOWNLOADING)).isFalse();
  }
}
