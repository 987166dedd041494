package dev.modelmanager.model.discovery;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** {@code GET /api/v1/vllm/architectures/{arch}}: one architecture of vLLM's registry. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record VllmArchitecture(
    String architecture, List<String> tasks, boolean trustRemoteCode, List<String> quantizations) {}
