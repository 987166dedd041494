package dev.modelmanager.discovery.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.modelmanager.discovery.domain.search.HubModelSummary;
import dev.modelmanager.discovery.domain.search.WeightsFit;
import dev.modelmanager.discovery.service.SearchResults;
import java.util.List;
import java.util.Optional;

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
  public record Page(List<SearchResult> items, String nextCursor) {

    static Page of(SearchResults.HitPage page) {
      return new Page(page.hits().stream().map(SearchResult::of).toList(), page.nextCursor());
    }
  }

  static SearchResult of(SearchResults.Hit hit) {
    HubModelSummary m = hit.model();
    return new SearchResult(
        m.id(),
        m.author(),
        m.architecture(),
        m.modelType(),
        m.parameters(),
        m.license(),
        m.quantization(),
        m.pipelineTag(),
        m.downloads(),
        m.likes(),
        m.lastModified(),
        m.gated(),
        hit.vllmSupported(),
        hit.gpu().map(g -> fit(g, hit.weightsFit())).orElse(null));
  }

  private static FitSummary fit(WeightsFit.Target gpu, Optional<WeightsFit.Verdict> verdict) {
    if (verdict.isEmpty()) {
      return new FitSummary(
          gpu.name(),
          false,
          null,
          null,
          "the Hub reports no safetensors parameter counts for this model");
    }
    WeightsFit.Verdict v = verdict.get();
    String note =
        v.fits()
            ? "weights fit on "
                + v.minGpus()
                + "× "
                + gpu.name()
                + "; the model's details give context length and vLLM flags"
            : "weights need more than " + gpu.gpusPerNode() + "× " + gpu.name();
    return new FitSummary(gpu.name(), v.fits(), v.minGpus(), v.weightsBytes(), note);
  }
}
