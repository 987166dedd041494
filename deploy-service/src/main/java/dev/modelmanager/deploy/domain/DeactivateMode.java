package dev.modelmanager.deploy.domain;

/** How a deployment is taken out of service; chosen per request and recorded. */
public enum DeactivateMode {
  /**
   * Keep the InferenceService with {@code minReplicas}/{@code maxReplicas} 0: fast to bring back.
   */
  SCALE_TO_ZERO,
  /** Delete the InferenceService. */
  DELETE
}
