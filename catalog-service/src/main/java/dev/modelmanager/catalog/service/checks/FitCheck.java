package dev.modelmanager.catalog.service.checks;

import dev.modelmanager.catalog.client.DiscoveryClient;
import dev.modelmanager.catalog.client.Lookup;
import dev.modelmanager.catalog.domain.CheckResult;
import dev.modelmanager.catalog.domain.GpuSelection;
import dev.modelmanager.model.catalog.ModelEntry;
import dev.modelmanager.model.discovery.GpuPool;
import dev.modelmanager.model.discovery.Recommendation;
import dev.modelmanager.model.discovery.RecommendationQuery;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code fit}: the entry's tensor parallelism, context length and memory utilization fit every GPU
 * pool its nodeSelector and resources select, by discovery-service's fit engine; a failing result
 * carries the engine's explanation of what would make it fit.
 */
@ApplicationScoped
public class FitCheck implements EntryCheck {
  static final String NAME = "fit";
  private static final int MAX_POOLS = 4;
  private static final java.util.Set<String> ENGINE_QUANTIZATIONS =
      java.util.Set.of("fp8", "awq", "gptq", "bitsandbytes");
  private final DiscoveryClient discovery;

  FitCheck(DiscoveryClient discovery) {
    this.discovery = discovery;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Uni<List<CheckResult>> run(CheckSubject subject) {
    if (!subject.usable() || subject.entry().vllm() == null) {
      return notRunnable();
    }
    ModelEntry e = subject.entry();
    GpuSelection selection = GpuSelection.of(e);
    if (selection.problem() != null) {
      return Uni.createFrom()
          .item(List.of(CheckResult.fail(NAME, selection.problem(), "/resources")));
    }
    return discovery
        .gpus()
        .chain(
            inventory -> {
              if (inventory.isUnavailable()) {
                return Uni.createFrom()
                    .item(List.of(CheckResult.couldNotCheck(NAME, inventory.detail())));
              }
              List<GpuPool> pools = selection.select(inventory.value().items());
              if (pools.isEmpty()) {
                return Uni.createFrom()
                    .item(
                        List.of(
                            CheckResult.fail(NAME, selection.noPoolMessage(), "/nodeSelector")));
              }
              return fitAll(e, pools.subList(0, Math.min(MAX_POOLS, pools.size())));
            });
  }

  private Uni<List<CheckResult>> fitAll(ModelEntry e, List<GpuPool> pools) {
    List<Uni<CheckResult>> each = new ArrayList<>();
    for (GpuPool pool : pools) {
      each.add(discovery.recommend(query(e, pool)).map(r -> judge(e, pool, r)));
    }
    return Uni.join().all(each).andFailFast();
  }

  /** The engine's question for one pool, using only values its API accepts. */
  static RecommendationQuery query(ModelEntry e, GpuPool pool) {
    ModelEntry.Vllm v = e.vllm();
    String kv = v.kvCacheDtype() != null && v.kvCacheDtype().startsWith("fp8") ? "fp8" : null;
    String quantization =
        v.quantization() != null && ENGINE_QUANTIZATIONS.contains(v.quantization())
            ? v.quantization()
            : null;
    return new RecommendationQuery(
        e.hfModelId(),
        e.revision(),
        pool.name(),
        v.gpuMemoryUtilization(),
        v.maxModelLen() == null ? null : v.maxModelLen().longValue(),
        kv,
        quantization);
  }

  private static CheckResult judge(ModelEntry e, GpuPool pool, Lookup<Recommendation> r) {
    if (r.isUnavailable()) {
      return CheckResult.couldNotCheck(NAME, r.detail());
    }
    if (!r.isFound()) {
      return CheckResult.warn(NAME, "discovery-service does not know " + e.hfModelId());
    }
    int tp = e.vllm().tensorParallelSize();
    String wanted = e.vllm().quantization();
    // Options come best first; without a quantization in the entry the first at this TP is the
    // checkpoint as published.
    Recommendation.FitOption option =
        r.value().options().stream()
            .filter(o -> o.tensorParallelSize() == tp)
            .filter(o -> wanted == null || wanted.equals(o.quantization()))
            .findFirst()
            .orElse(null);
    if (option == null) {
      return CheckResult.fail(
          NAME,
          "tensorParallelSize "
              + tp
              + " is not an option on "
              + pool.name()
              + " ("
              + pool.countPerNode()
              + " GPUs per node)",
          "/vllm/tensorParallelSize");
    }
    if (option.fits()) {
      return CheckResult.pass(
          NAME,
          "fits on "
              + pool.name()
              + " with tensorParallelSize "
              + tp
              + ", maxModelLen "
              + option.maxModelLen()
              + ", about "
              + Math.round(option.maxConcurrency() * 10) / 10.0
              + " full-length requests at once");
    }
    return CheckResult.fail(
        NAME, "does not fit on " + pool.name() + ": " + option.explanation(), "/vllm");
  }
}
