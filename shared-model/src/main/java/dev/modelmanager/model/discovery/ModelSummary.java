package dev.modelmanager.model.discovery;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * {@code GET /api/v1/models/{org}/{name}/details}: what a consumer needs of a model's details.
 *
 * @param commit the 40-hex commit the revision resolved to
 * @param gated {@code "false"}, {@code "auto"} or {@code "manual"} (the Hub's values)
 * @param vllm whether vLLM serves it and needs {@code --trust-remote-code}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelSummary(
    String id,
    String revision,
    String commit,
    List<String> architectures,
    String license,
    String gated,
    VllmSupport vllm,
    long maxPositionEmbeddings,
    long weightsBytes) {

  /** Whether vLLM serves the model's architecture. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record VllmSupport(
      boolean supported, String version, String architecture, boolean trustRemoteCode) {}
}
