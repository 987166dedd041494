package dev.modelmanager.discovery.service;

import dev.modelmanager.discovery.domain.fit.FitRecommendation;
import dev.modelmanager.discovery.domain.fit.KvCacheDtype;
import dev.modelmanager.discovery.domain.model.ModelGeometry;
import dev.modelmanager.model.hf.RepoId;

/**
 * The fit engine's answer for a model at one revision.
 *
 * @param commit the commit the revision resolved to
 * @param geometry the parsed config
 * @param fit the options, best first
 */
public record Recommendation(
    RepoId repo, String revision, String commit, ModelGeometry geometry, FitRecommendation fit) {

  /**
   * What to size.
   *
   * @param revision branch, tag or commit; null for main
   * @param gpus the GPUs to consider
   * @param gpuMemoryUtilization null for vLLM's default
   * @param maxModelLen null for the largest that fits
   * @param kvCacheDtype null for auto
   * @param quantization null, none, fp8, awq, gptq or bitsandbytes
   */
  public record Query(
      RepoId repo,
      String revision,
      GpuSelection gpus,
      Double gpuMemoryUtilization,
      Long maxModelLen,
      KvCacheDtype kvCacheDtype,
      String quantization) {}
}
