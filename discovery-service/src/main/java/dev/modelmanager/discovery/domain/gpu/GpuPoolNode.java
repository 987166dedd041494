package dev.modelmanager.discovery.domain.gpu;

import java.time.Instant;

/**
 * One node's GPUs of one kind as a source saw them: the unit pools are grouped from.
 *
 * @param node the node's name
 * @param gpu product, memory and GPUs on the node
 * @param allocatable GPUs the scheduler may hand out on the node
 * @param used GPUs held by running pods, null when the source does not know
 * @param observedAt when the source saw the node
 */
public record GpuPoolNode(
    String node, DiscoveredGpu gpu, int allocatable, Integer used, Instant observedAt) {}
