package dev.modelmanager.discovery.service;

import dev.modelmanager.discovery.client.CatalogLookup;
import dev.modelmanager.discovery.client.ModelFiles;
import dev.modelmanager.discovery.domain.fit.FitOption;
import dev.modelmanager.discovery.domain.fit.FitRecommendation;
import dev.modelmanager.discovery.domain.fit.GpuOffer;
import dev.modelmanager.discovery.domain.model.ModelGeometry;
import dev.modelmanager.discovery.domain.model.ParameterCount;
import dev.modelmanager.discovery.domain.vllm.VllmArchitecture;
import dev.modelmanager.model.hf.RepoId;
import java.util.List;
import java.util.Optional;

/**
 * What the details use case found about a model at one revision.
 *
 * @param files what the Hub holds (model info, config.json, safetensors headers)
 * @param count exact parameter counts from the headers, when the repo has safetensors
 * @param fit the engine's options over the known GPU pools
 * @param table per GPU pool, the option to show (see {@link GpuFit})
 * @param catalog catalog-service's answer
 * @param architecture vLLM's entry for the model's architecture, when it has one
 * @param vllmVersion the vLLM version the architecture registry describes
 * @param notes remarks on the sizing
 */
public record ModelReport(
    RepoId repo,
    String revision,
    ModelFiles files,
    ModelGeometry geometry,
    Optional<ParameterCount> count,
    FitRecommendation fit,
    List<GpuFit> table,
    CatalogLookup catalog,
    Optional<VllmArchitecture> architecture,
    String vllmVersion,
    List<String> notes) {

  /** One GPU pool's row: its preferred fitting option, else its largest try. */
  public record GpuFit(GpuOffer gpu, FitOption option) {}
}
