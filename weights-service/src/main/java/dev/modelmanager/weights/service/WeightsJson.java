package dev.modelmanager.weights.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelmanager.model.problem.Problem;
import dev.modelmanager.weights.domain.InstallJob;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** JSON of plans and problems saved with jobs, and the job view. */
@ApplicationScoped
public class WeightsJson {
  private final ObjectMapper mapper;

  WeightsJson(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  public String write(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  public JobPlan plan(InstallJob job) {
    if (job.plan == null) {
      return new JobPlan(List.of(), List.of(), 0, null);
    }
    try {
      return mapper.readValue(job.plan, JobPlan.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable plan of job " + job.id, e);
    }
  }

  public Problem problem(String json) {
    if (json == null) {
      return null;
    }
    try {
      return mapper.readValue(json, Problem.class);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  public InstallView view(InstallJob j) {
    JobPlan plan = plan(j);
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
        new InstallView.Progress(
            j.bytesDone, j.bytesTotal, plan.bytesPerSecond(), plan.etaSeconds(), plan.files()),
        plan.skipped(),
        problem(j.error),
        j.attempts,
        j.createdAt,
        j.updatedAt,
        j.startedAt,
        j.finishedAt);
  }

  public com.fasterxml.jackson.databind.JsonNode tree(Object value) {
    return mapper.valueToTree(value);
  }
}
