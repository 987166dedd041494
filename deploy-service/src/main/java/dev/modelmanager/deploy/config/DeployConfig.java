package dev.modelmanager.deploy.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** deploy-service settings, under {@code mm.deploy}. */
@ConfigMapping(prefix = "mm.deploy")
public interface DeployConfig {

  Kubernetes kubernetes();

  Rollout rollout();

  Weights weights();

  /** The Kubernetes cluster the InferenceServices live in. */
  interface Kubernetes {
    /**
     * False (the local run without a cluster): actions answer 503 "Kubernetes is not configured";
     * preview and history still work.
     */
    @WithDefault("false")
    boolean enabled();

    /** The namespace of every InferenceService. */
    @WithDefault("default")
    String namespace();

    /** A kubeconfig context to use instead of the current one (or the in-cluster account). */
    Optional<String> context();

    /**
     * {@code server-side} (production: server-side apply, field manager {@code model-manager},
     * force) or {@code replace} (create-or-replace, for API servers without server-side apply, like
     * the demo cluster).
     */
    @WithDefault("server-side")
    String applyMode();
  }

  /** How rollouts are watched. */
  interface Rollout {
    /** How often revisions in flight are checked (and left-over ones reconciled). */
    @WithDefault("2s")
    Duration pollInterval();

    /** A revision not Ready this long after its apply fails with a readiness timeout. */
    @WithDefault("15m")
    Duration readinessTimeout();

    /** Log lines quoted from a crash-looping container. */
    @WithDefault("20")
    int logLines();

    /**
     * GPUs the fleet has for one predictor, used to choose the rollout strategy when the cluster
     * cannot be asked (preview without a cluster); absent → Recreate, which never deadlocks.
     */
    Optional<Integer> fleetGpus();
  }

  /** Weights locations of weights-service as PVCs. */
  interface Weights {
    /** PVC name per weights location; a location not listed uses {@code models-<location>}. */
    Map<String, String> pvcNames();
  }
}
