package dev.modelmanager.discovery.service;

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
import java.util.List;
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

  /**
   * One model of a search page, with whether vLLM supports it and, when a GPU was named, whether
   * its weights fit.
   *
   * @param weightsFit the verdict; empty when the Hub reports no parameter counts
   */
  public record Hit(
      HubModelSummary model,
      boolean vllmSupported,
      Optional<WeightsFit.Target> gpu,
      Optional<WeightsFit.Verdict> weightsFit) {}

  /** A page of hits with the cursor of the next page. */
  public record HitPage(List<Hit> hits, String nextCursor) {}

  /** The hits of a page; with a GPU, only models whose weights fit it. */
  public HitPage page(SearchService.ResultPage page, Optional<WeightsFit.Target> gpu) {
    List<Hit> hits =
        page.models().stream()
            .map(m -> hit(m, gpu))
            .filter(
                h -> gpu.isEmpty() || h.weightsFit().map(WeightsFit.Verdict::fits).orElse(false))
            .toList();
    return new HitPage(hits, page.nextCursor());
  }

  Hit hit(HubModelSummary m, Optional<WeightsFit.Target> gpu) {
    Optional<WeightsFit.Verdict> verdict =
        gpu.flatMap(
            g -> WeightsFit.weightsBytes(m.parametersByDtype()).map(w -> WeightsFit.check(w, g)));
    return new Hit(m, m.architectures().stream().anyMatch(registry::isSupported), gpu, verdict);
  }
}
