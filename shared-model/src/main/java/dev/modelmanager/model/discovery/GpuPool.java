package dev.modelmanager.model.discovery;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One GPU pool of {@code GET /api/v1/gpus}.
 *
 * @param name the pool id, accepted as {@code gpus} by the recommendations API
 * @param product the GPU product as node labels show it ({@code nvidia.com/gpu.product})
 * @param vendor {@code nvidia} or {@code amd}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GpuPool(
    String name,
    String product,
    String vendor,
    long memoryBytes,
    int countPerNode,
    String source,
    String profile) {}
