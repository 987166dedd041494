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

  private DeployEvents() {}
}
