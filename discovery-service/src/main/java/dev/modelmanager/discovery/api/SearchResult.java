package dev.modelmanager.discovery.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** One row of a Hugging Face search. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SearchResult(
    String id,
    String author,
    String architecture,
    String modelType,
    Long parameters,
    String license,
    String quantization,
    String pipelineTag,
    long downloads,
    long likes,
    String lastModified,
    String gated,
    boolean vllmSupported,
    FitSummary fit) {

  /**
   * Whether the weights fit a GPU profile, from the parameter counts the search already returned
   * (the KV cache needs the full config: see the model's details for the complete answer).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record FitSummary(
      String gpu, boolean fits, Integer minGpus, Long weightsBytes, String note) {}

  /** A page of results with the cursor of the next page. */
  public record Page(List<SearchResult> items, String nextCursor) {}
}
