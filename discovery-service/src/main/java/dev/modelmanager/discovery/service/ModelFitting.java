package dev.modelmanager.discovery.service;

import dev.modelmanager.discovery.client.ModelFiles;
import dev.modelmanager.discovery.domain.fit.FitEngine;
import dev.modelmanager.discovery.domain.fit.FitOption;
import dev.modelmanager.discovery.domain.fit.FitRecommendation;
import dev.modelmanager.discovery.domain.fit.FitRequest;
import dev.modelmanager.discovery.domain.fit.GpuOffer;
import dev.modelmanager.discovery.domain.gpu.GpuPool;
import dev.modelmanager.discovery.domain.model.ModelConfigParser;
import dev.modelmanager.discovery.domain.model.ModelGeometry;
import dev.modelmanager.discovery.domain.model.ParameterCount;
import dev.modelmanager.kit.web.ProblemException;
import dev.modelmanager.model.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Runs the fit engine on a model's files: geometry, exact parameter counts, and the options. */
@ApplicationScoped
public class ModelFitting {
  private final FitEngine engine;

  ModelFitting(FitEngine engine) {
    this.engine = engine;
  }

  /** The geometry, or a 422 problem when config.json is not a model the engine can size. */
  public ModelGeometry geometry(ModelFiles files) {
    try {
      return ModelConfigParser.parse(files.config(), files.hfQuantConfig());
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new ProblemException(
          ProblemType.INVALID_CONTENT,
          "config.json of this model lacks what sizing needs ("
              + e.getMessage()
              + "); it is not a decoder LLM the fit engine knows");
    }
  }

  /** Exact counts from the safetensors headers, or empty when the repo has none. */
  public Optional<ParameterCount> exactCount(ModelFiles files) {
    return files.tensors().isEmpty()
        ? Optional.empty()
        : Optional.of(ParameterCount.fromTensors(files.tensors()));
  }

  /** The engine's answer for these GPU offers, with the request adjusted by {@code settings}. */
  public FitRecommendation recommend(
      ModelGeometry geometry,
      Optional<ParameterCount> count,
      List<GpuOffer> gpus,
      UnaryOperator<FitRequest> settings) {
    FitRequest request = FitRequest.of(geometry, gpus);
    if (count.isPresent()) {
      request = request.withParameterCount(count.get());
    }
    return engine.recommend(settings.apply(request));
  }

  /**
   * One offer per distinct GPU and node size. Offers carry the GPU's catalog name (not the pool's)
   * because the engine looks GPU traits such as FP8 support up by it.
   */
  public static List<GpuOffer> offers(List<GpuPool> pools) {
    Map<String, GpuOffer> byGpu = new LinkedHashMap<>();
    for (GpuPool p : pools) {
      byGpu.putIfAbsent(p.gpuName() + "@" + p.countPerNode(), offer(p));
    }
    return new ArrayList<>(byGpu.values());
  }

  public static GpuOffer offer(GpuPool p) {
    return new GpuOffer(p.gpuName(), p.memoryBytes(), p.countPerNode());
  }

  /** Per GPU, the engine's preferred fitting option, else its largest try and why it fails. */
  public static List<ModelReport.GpuFit> table(FitRecommendation rec, List<GpuOffer> gpus) {
    List<ModelReport.GpuFit> rows = new ArrayList<>();
    for (GpuOffer gpu : gpus) {
      List<FitOption> mine =
          rec.options().stream().filter(o -> o.gpu().equals(gpu.name())).toList();
      if (!mine.isEmpty()) {
        FitOption chosen =
            mine.stream().filter(FitOption::fits).findFirst().orElse(mine.get(mine.size() - 1));
        rows.add(new ModelReport.GpuFit(gpu, chosen));
      }
    }
    return rows;
  }
}
