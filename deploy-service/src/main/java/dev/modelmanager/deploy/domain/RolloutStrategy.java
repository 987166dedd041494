package dev.modelmanager.deploy.domain;

/** The predictor's {@code deploymentStrategy.type}. */
public enum RolloutStrategy {
  /** Stop the old pods before starting new ones: a fleet that cannot hold two copies needs it. */
  RECREATE("Recreate"),
  /** Start the new pods before stopping the old ones: no downtime, twice the GPUs while it runs. */
  ROLLING_UPDATE("RollingUpdate");

  private final String kubernetesName;

  RolloutStrategy(String kubernetesName) {
    this.kubernetesName = kubernetesName;
  }

  public String kubernetesName() {
    return kubernetesName;
  }

  /**
   * Recreate when the GPUs that can run the predictor cannot hold a second copy during the rollout;
   * RollingUpdate otherwise. Unknown capacity picks Recreate, which never deadlocks.
   */
  public static RolloutStrategy choose(int gpusPerCopy, Integer fleetGpus) {
    if (gpusPerCopy <= 0) {
      return ROLLING_UPDATE;
    }
    if (fleetGpus == null) {
      return RECREATE;
    }
    return fleetGpus >= 2 * gpusPerCopy ? ROLLING_UPDATE : RECREATE;
  }
}
