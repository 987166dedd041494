package dev.modelmanager.deploy.domain;

/**
 * Where a revision is in its rollout: {@code PENDING → APPLIED → PROGRESSING → READY | FAILED |
 * SUPERSEDED}.
 */
public enum RevisionState {
  /** Recorded, not yet sent to the Kubernetes API. */
  PENDING,
  /** The API server accepted the apply. */
  APPLIED,
  /** Pods of this revision exist and are starting. */
  PROGRESSING,
  /** The InferenceService is Ready on this revision. */
  READY,
  /** The rollout failed; the revision's reason says why. */
  FAILED,
  /** A later revision replaced this one. */
  SUPERSEDED;

  /** A change still in flight: a deployment takes no new change while one of these exists. */
  public boolean inFlight() {
    return this == PENDING || this == APPLIED || this == PROGRESSING;
  }

  /** The CloudEvents type suffix, {@code dev.modelmanager.deploy.revision.<state>}. */
  public String eventName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
