package dev.modelmanager.weights.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.modelmanager.model.problem.Problem;
import dev.modelmanager.weights.domain.InstallJob;
import dev.modelmanager.weights.domain.JobPlan;
import dev.modelmanager.weights.store.WeightsJson;
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
    String requestedBy,
    Instant createdAt,
    Instant updatedAt,
    Instant startedAt,
    Instant finishedAt) {

  static InstallView of(InstallJob j, WeightsJson json) {
    JobPlan plan = json.plan(j);
    return new InstallView(
        j.id,
        j.repo,
        j.revision,
        j.commit,
        j.location,
        j.include,
        j.exclude,
        j.overwrite,
        j.pin,
        j.state.name(),
        new Progress(
            j.bytesDone, j.bytesTotal, plan.bytesPerSecond(), plan.etaSeconds(), plan.files()),
        plan.skipped(),
        json.problem(j.error),
        j.attempts,
        j.requestedBy,
        j.createdAt,
        j.updatedAt,
        j.startedAt,
        j.finishedAt);
  }

  /** Bytes on disk of the planned total, the current rate and the remaining time. */
  public record Progress(
      long bytesDone,
      long bytesTotal,
      long bytesPerSecond,
      Long etaSeconds,
      List<JobPlan.FileProgress> files) {}
}
