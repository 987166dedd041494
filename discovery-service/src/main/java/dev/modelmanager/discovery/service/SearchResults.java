package dev.modelmanager.discovery.service;

import dev.modelmanager.discovery.api.SearchResult;
import dev.modelmanager.discovery.config.DiscoveryConfig;
import dev.modelmanager.discovery.domain.gpu.GpuCatalog;
import dev.modelmanager.discovery.domain.gpu.GpuPool;
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
  private final GpuInventoryService inventory;

  SearchResults(
      VllmArchitectureRegistry registry, DiscoveryConfig config, GpuInventoryService inventory) {
    this.registry = registry;
    this.config = config;
    this.inventory = inventory;
  }

  /**
   * The GPU named by {@code fitsGpu}: a GPU pool of the inventory (its node size counts) or a
   * catalog profile; else a validation problem naming the parameter.
   */
  public Uni<Optional<WeightsFit.Target>> checkGpu(String fitsGpu) {
    if (fitsGpu == null) {
      return Uni.createFrom().item(Optional.empty());
    }
    return inventory
        .pool(fitsGpu)
        .map(
            pool -> {
              if (pool.isPresent()) {
                GpuPool p = pool.get();
                return Optional.of(
                    new WeightsFit.Target(
                        p.gpuName(), p.memoryBytes(), p.vendor(), p.countPerNode()));
              }
              GpuProfile profile =
                  GpuCatalog.find(fitsGpu)
                      .orElseThrow(
                          () ->
                              ProblemException.invalidField(
                                  "fitsGpu",
                                  "unknown GPU pool or profile; GET /api/v1/gpus lists them"));
              return Optional.of(WeightsFit.Target.of(profile, config.gpus().staticCountPerNode()));
            });
  }

  /** The rows of a page; with a GPU, only models whose weights fit it. */
  public SearchResult.Page page(SearchService.ResultPage page, Optional<WeightsFit.Target> gpu) {
    var rows =
        page.models().stream()
            .map(m -> row(m, gpu))
            .filter(r -> gpu.isEmpty() || (r.fit() != null && r.fit().fits()))
            .toList();
    return new SearchResult.Page(rows, page.nextCursor());
  }

  SearchResult row(HubModelSummary m, Optional<WeightsFit.Target> gpu) {
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

  private SearchResult.FitSummary fit(HubModelSummary m, WeightsFit.Target gpu) {
    Optional<Long> weights = WeightsFit.weightsBytes(m.parametersByDtype());
    if (weights.isEmpty()) {
      return new SearchResult.FitSummary(
          gpu.name(),
          false,
          null,
          null,
          "the Hub reports no safetensors parameter counts for this model");
    }
    WeightsFit.Verdict v = WeightsFit.check(weights.get(), gpu);
    String note =
        v.fits()
            ? "weights fit on "
                + v.minGpus()
                + "× "
                + gpu.name()
                + "; the model's details give context length and vLLM flags"
            : "weights need more than " + gpu.gpusPerNode() + "× " + gpu.name();
    return new SearchResult.FitSummary(gpu.name(), v.fits(), v.minGpus(), v.weightsBytes(), note);
  }
}
