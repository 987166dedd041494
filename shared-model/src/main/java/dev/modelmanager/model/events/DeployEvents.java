package dev.modelmanager.model.events;

/** Payloads ({@code data}) of the deploy service's events that other services consume. */
public final class DeployEvents {

  /**
   * Which staged snapshot a deployment uses. Keyed (Kafka key / aggregate id) by the deployment
   * name, so the latest event per deployment is its current usage.
   *
   * @param deployment the deployment (InferenceService) name
   * @param location the weights-service storage location name
   * @param repo the Hugging Face repo ({@code org/name})
   * @param commit the 40-hex commit being served
   * @param inUse true while the deployment runs (or is rolling out) on this snapshot; false once it
   *     was deactivated or moved to another snapshot
   */
  public record WeightsUsage(
      String deployment, String location, String repo, String commit, boolean inUse) {}

  /**
   * A revision reached a state ({@code dev.modelmanager.deploy.revision.<state>}). Keyed by the
   * deployment name.
   *
   * @param action ACTIVATE, ROLLBACK or DEACTIVATE
   * @param state PENDING, APPLIED, PROGRESSING, READY, FAILED or SUPERSEDED
   * @param reason why, in words a person can act on (the failure cause for FAILED)
   */
  public record RevisionChanged(
      String deployment,
      int revision,
      String action,
      String state,
      String reason,
      String entryId,
      String catalogCommit,
      String actor) {}

  /**
   * A deployment was changed on request ({@code dev.modelmanager.deploy.deployment.*}). Keyed by
   * the deployment name.
   *
   * @param rollbackOf for a rollback, the revision whose manifest was re-applied
   * @param mode for a deactivation, SCALE_TO_ZERO or DELETE
   */
  public record DeploymentChanged(
      String deployment,
      int revision,
      String entryId,
      Integer rollbackOf,
      String mode,
      String actor,
      String reason) {}

  /**
   * The live health of a deployment's active revision changed, e.g. Ready to NotReady when its pod
   * starts crashing after the rollout. Keyed by the deployment name.
   *
   * @param health Ready, NotReady or Absent
   * @param reason the Ready condition's message when not Ready
   */
  public record HealthChanged(
      String deployment, int revision, String health, String previousHealth, String reason) {}

  /**
   * A live InferenceService differs from its revision's manifest.
   *
   * @param fields JSON pointers of the fields that differ (in spec, labels, annotations)
   */
  public record DriftDetected(String deployment, int revision, java.util.List<String> fields) {}

  private DeployEvents() {}
}
