package dev.modelmanager.weights.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelmanager.model.problem.Problem;
import dev.modelmanager.weights.domain.InstallJob;
import dev.modelmanager.weights.domain.JobPlan;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** JSON of the plans and problems saved with jobs. */
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

  public com.fasterxml.jackson.databind.JsonNode tree(Object value) {
    return mapper.valueToTree(value);
  }
}
