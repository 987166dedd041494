package dev.modelmanager.weights.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.modelmanager.model.problem.Problem;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An install job as the API and its events show it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InstallView(
    UUID id,
    String repo,
    String revision,
    String commit,
    String location,
    List<String> include,
    List<String> exclude,
    boolean overwrite,
    boolean pin,
    String state,
    Progress progress,
    List<String> skipped,
    Problem error,
    int attempts,
    Instant createdAt,
    Instant updatedAt,
    Instant startedAt,
    Instant finishedAt) {

  /** Bytes on disk of the planned total, the current rate and the remaining time. */
  public record Progress(
      long bytesDone,
      long bytesTotal,
      long bytesPerSecond,
      Long etaSeconds,
      List<JobPlan.FileProgress> files) {}
}
