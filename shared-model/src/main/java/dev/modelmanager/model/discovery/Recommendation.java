package dev.modelmanager.model.discovery;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** The answer of {@code POST /api/v1/recommendations}: options best first. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Recommendation(
    String model, String commit, FitOption best, List<FitOption> options, List<String> notes) {

  /**
   * One way to serve the model on a GPU: tensor-parallel size, weight format, context, and the
   * engine's explanation (which says what would make it fit when it does not).
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record FitOption(
      String gpu,
      int tensorParallelSize,
      String quantization,
      boolean fits,
      long maxModelLen,
      long largestFittingModelLen,
      double maxConcurrency,
      String kvCacheDtype,
      List<String> vllmArgs,
      String explanation) {}
}
