package dev.modelmanager.model.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * One approved model configuration of the catalog: everything deploy-service needs to render an
 * InferenceService. The JSON Schema in catalog-service ({@code GET /api/v1/catalog/schema}) is the
 * authority on which fields are required and what values they take; this record is its typed shape
 * for the services that read entries.
 *
 * @param id the entry's slug (DNS-1123 label), also its file name {@code models/<id>.json}
 * @param hfModelId the Hugging Face repo ({@code org/name})
 * @param revision the pinned Hugging Face commit (40 hex)
 * @param runtime the KServe ServingRuntime (or ClusterServingRuntime) name
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelEntry(
    String id,
    String displayName,
    String hfModelId,
    String revision,
    String servedModelName,
    String runtime,
    Weights weights,
    Vllm vllm,
    Resources resources,
    Map<String, String> nodeSelector,
    List<Toleration> tolerations,
    List<EnvVar> env,
    Map<String, String> labels,
    String license,
    String description) {

  /**
   * Where the weights come from: a weights-service {@code location} holding the pinned commit, or
   * {@code source: "hf"} to let vLLM download at start.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Weights(String location, String source) {}

  /** The vLLM engine arguments the entry pins. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Vllm(
      Integer tensorParallelSize,
      String dtype,
      Double gpuMemoryUtilization,
      Integer maxModelLen,
      String quantization,
      String kvCacheDtype,
      Boolean trustRemoteCode,
      List<String> extraArgs) {}

  /** Kubernetes resource requests and limits, e.g. {@code nvidia.com/gpu: "1"}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Resources(Map<String, String> requests, Map<String, String> limits) {}

  /** A Kubernetes toleration. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Toleration(
      String key, String operator, String value, String effect, Long tolerationSeconds) {}

  /** An environment variable: a plain value or a reference, never a literal secret. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record EnvVar(String name, String value, ValueFrom valueFrom) {}

  /** A reference to a Secret or ConfigMap key. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ValueFrom(KeyRef secretKeyRef, KeyRef configMapKeyRef) {}

  /** A key of a named Secret or ConfigMap. */
  public record KeyRef(String name, String key) {}
}
