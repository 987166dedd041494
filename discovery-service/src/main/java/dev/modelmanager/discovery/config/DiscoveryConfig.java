package dev.modelmanager.discovery.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Discovery settings under {@code mm.discovery}. */
@ConfigMapping(prefix = "mm.discovery")
public interface DiscoveryConfig {
  Search search();

  Gpus gpus();

  Fit fit();

  Refresh refresh();

  /** Base URL of catalog-service, for the catalog entry of a model's details. */
  @WithDefault("http://localhost:8083")
  String catalogUrl();

  /** Hugging Face search. */
  interface Search {
    /** How long a Hub answer is reused (memory and table). */
    @WithDefault("10m")
    Duration cacheTtl();

    /** Results per page when the caller gives no limit. */
    @WithDefault("20")
    int defaultLimit();
  }

  /** The scheduled refresh of the Hub metadata caches ({@code service.CacheRefresh}). */
  interface Refresh {
    /** How often each replica's scheduler ticks: a duration, or {@code off}. */
    @WithDefault("6h")
    String interval();

    /**
     * A tick is skipped when any replica started a run less than this ago (shared lease row), so
     * two replicas make one run per interval.
     */
    @WithDefault("5h")
    Duration minGap();

    /** Stale search pages fetched less than this before a run are re-fetched; older ones go. */
    @WithDefault("1h")
    Duration window();

    /** Most search pages one run re-fetches from the Hub. */
    @WithDefault("100")
    int maxPages();

    /** How long a run may hold the lease before another replica may take it (a crashed run). */
    @WithDefault("10m")
    Duration lease();
  }

  /** The fit engine. */
  interface Fit {
    /**
     * Least memory (bytes) an option must leave free on each GPU after weights, overheads and one
     * request of its max-model-len; below it the option does not fit.
     */
    @WithDefault("536870912")
    long marginFloorBytes();
  }

  /** GPU inventory sources. */
  interface Gpus {
    /** Read GPU nodes from the Kubernetes API (GPU-feature-discovery labels). */
    @WithDefault("false")
    boolean kubernetes();

    /**
     * How long one read of nodes and pods may take before the Kubernetes source counts as failed
     * (the inventory then answers without it).
     */
    @WithDefault("10s")
    Duration kubernetesTimeout();

    /** How long the inventory is reused before the sources are asked again. */
    @WithDefault("30s")
    Duration cacheTtl();

    /** A node agent report older than this is dropped from the inventory. */
    @WithDefault("10m")
    Duration reportTtl();

    /**
     * Static pools from the GPU catalog, by profile name (e.g. H100-80GB); empty: every known
     * profile.
     */
    Optional<List<String>> staticProfiles();

    /** GPUs per node assumed for static pools. */
    @WithDefault("8")
    int staticCountPerNode();
  }
}
