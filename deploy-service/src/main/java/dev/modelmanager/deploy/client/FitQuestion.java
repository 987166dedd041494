package dev.modelmanager.deploy.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The body of discovery-service's {@code POST /api/v1/recommendations}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FitQuestion(
    String model,
    String revision,
    List<Gpu> gpus,
    Double gpuMemoryUtilization,
    Long maxModelLen,
    String quantization) {

  /** GPUs by profile name and count. */
  public record Gpu(String name, int count) {}
}
