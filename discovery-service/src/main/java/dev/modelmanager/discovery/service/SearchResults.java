package dev.modelmanager.discovery.service;

import dev.modelmanager.discovery.api.SearchResult;
import dev.modelmanager.discovery.config.DiscoveryConfig;
import dev.modelmanager.discovery.domain.gpu.GpuCatalog;
import dev.modelmanager.discovery.domain.gpu.GpuProfile;
import dev.modelmanager.discovery.domain.search.HubModelSummary;
import dev.modelmanager.discovery.domain.search.WeightsFit;
import dev.modelmanager.discovery.domain.vllm.VllmArchitectureRegistry;
import dev.modelmanager.kit.web.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** Turns Hub summaries into result rows: vLLM support and, when asked, the weights-fit verdict. */
@ApplicationScoped
public class SearchResults {
  private final VllmArchitectureRegistry registry;
  private final DiscoveryConfig config;

  SearchResults(VllmArchitectureRegistry registry, DiscoveryConfig config) {
    this.registry = registry;
    this.config = config;
  }

  /** The GPU profile named by {@code fitsGpu}, or a validation problem naming the parameter. */
  public Uni<Optional<GpuProfile>> checkGpu(String fitsGpu) {
    if (fitsGpu == null) {
      return Uni.createFrom().item(Optional.empty());
    }
    return GpuCatalog.find(fitsGpu)
        .map(p -> Uni.createFrom().item(Optional.of(p)))
        .orElseGet(
            () ->
                Uni.createFrom()
                    .failure(
                        ProblemException.invalidField(
                            "fitsGpu", "unknown GPU profile; GET /api/v1/gpus lists them")));
  }

  /** The rows of a page; with a GPU, only models whose weights fit it. */
  public SearchResult.Page page(SearchService.ResultPage page, Optional<GpuProfile> gpu) {
    var rows =
        page.models().stream()
            .map(m -> row(m, gpu))
            .filter(r -> gpu.isEmpty() || (r.fit() != null && r.fit().fits()))
            .toList();
    return new SearchResult.Page(rows, page.nextCursor());
  }

  SearchResult row(HubModelSummary m, Optional<GpuProfile> gpu) {
    SearchResult.FitSummary fit = gpu.map(g -> fit(m, g)).orElse(null);
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
        m.architectures().stream().anyMatch(registry::isSupported),
        fit);
  }

  private SearchResult.FitSummary fit(HubModelSummary m, GpuProfile gpu) {
    Optional<Long> weights = WeightsFit.weightsBytes(m.parametersByDtype());
    if (weights.isEmpty()) {
      return new SearchResult.FitSummary(
          gpu.id(),
          false,
          null,
          null,
          "the Hub reports no safetensors parameter counts for this model");
    }
    WeightsFit.Verdict v = WeightsFit.check(weights.get(), gpu, config.gpus().staticCountPerNode());
    String note =
        v.fits()
            ? "weights fit on "
                + v.minGpus()
                + "× "
                + gpu.id()
                + "; the model's details give context length and vLLM flags"
            : "weights need more than " + config.gpus().staticCountPerNode() + "× " + gpu.id();
    return new SearchResult.FitSummary(gpu.id(), v.fits(), v.minGpus(), v.weightsBytes(), note);
  }
}
