package dev.modelmanager.discovery.service;

import dev.modelmanager.discovery.domain.gpu.GpuPool;
import java.time.Instant;
import java.util.List;

/**
 * The merged GPU inventory as cached: every pool in API order and how each source fared.
 *
 * @param pools pools of every source, by memory (largest first) then name
 * @param sources one status per source
 * @param assembledAt when the sources were asked
 */
public record GpuInventory(
    List<GpuPool> pools, List<GpuSourceStatus> sources, Instant assembledAt) {
  public GpuInventory {
    pools = List.copyOf(pools);
    sources = List.copyOf(sources);
  }
}
