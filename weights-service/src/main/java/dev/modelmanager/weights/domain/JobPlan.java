package dev.modelmanager.weights.domain;

import java.util.List;

/**
 * What an install fetches and how far each file is, as saved with the job.
 *
 * @param bytesPerSecond recent transfer rate
 * @param etaSeconds remaining time at that rate, null when unknown
 */
public record JobPlan(
    List<FileProgress> files, List<String> skipped, long bytesPerSecond, Long etaSeconds) {

  /** One planned file; {@code blob} is the sha256 (LFS) or git blob sha1 it must match. */
  public record FileProgress(
      String path, long size, String blob, boolean lfs, long bytesDone, boolean verified) {}
}
