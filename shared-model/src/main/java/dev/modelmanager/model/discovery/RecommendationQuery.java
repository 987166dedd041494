package dev.modelmanager.model.discovery;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * {@code POST /api/v1/recommendations}: size {@code model} on one GPU pool ({@code gpus} is a pool
 * name of {@code GET /api/v1/gpus}, or null for every pool).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RecommendationQuery(
    String model,
    String revision,
    String gpus,
    Double gpuMemoryUtilization,
    Long maxModelLen,
    String kvCacheDtype,
    String quantization) {}
