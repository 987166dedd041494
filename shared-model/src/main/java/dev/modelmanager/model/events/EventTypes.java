package dev.modelmanager.model.events;

/** CloudEvents {@code type} values. Names are {@code dev.modelmanager.<service>.<noun>.<verb>}. */
public final class EventTypes {
  public static final String CATALOG_RELOADED = "dev.modelmanager.catalog.reloaded";
  public static final String CATALOG_ENTRY_ADDED = "dev.modelmanager.catalog.entry.added";
  public static final String CATALOG_ENTRY_UPDATED = "dev.modelmanager.catalog.entry.updated";
  public static final String CATALOG_ENTRY_REMOVED = "dev.modelmanager.catalog.entry.removed";
  public static final String CATALOG_PR_OPENED = "dev.modelmanager.catalog.pr.opened";
  public static final String CATALOG_PR_MERGED = "dev.modelmanager.catalog.pr.merged";
  public static final String CATALOG_VALIDATION_FAILED =
      "dev.modelmanager.catalog.validation.failed";

  /** The catalog bot saw a new commit or a license change of an entry's model. */
  public static final String CATALOG_UPDATE_AVAILABLE = "dev.modelmanager.catalog.update.available";

  public static final String WEIGHTS_INSTALL_CREATED = "dev.modelmanager.weights.install.created";
  public static final String WEIGHTS_INSTALL_PROGRESSED =
      "dev.modelmanager.weights.install.progressed";
  public static final String WEIGHTS_INSTALL_SUCCEEDED =
      "dev.modelmanager.weights.install.succeeded";
  public static final String WEIGHTS_INSTALL_FAILED = "dev.modelmanager.weights.install.failed";
  public static final String WEIGHTS_INSTALL_CANCELLED =
      "dev.modelmanager.weights.install.cancelled";
  public static final String WEIGHTS_SNAPSHOT_DELETED = "dev.modelmanager.weights.snapshot.deleted";
  public static final String WEIGHTS_STORAGE_THRESHOLD =
      "dev.modelmanager.weights.storage.threshold";

  /**
   * The stale-weights report of a location changed: snapshots not accessed for the configured days
   * and not in use (purge candidates, or purged when the policy purges automatically).
   */
  public static final String WEIGHTS_STALE_REPORTED = "dev.modelmanager.weights.stale.reported";

  /**
   * A deployment started or stopped using a staged snapshot; data is {@link
   * DeployEvents.WeightsUsage}. weights-service consumes it to report {@code inUse}.
   */
  public static final String DEPLOY_WEIGHTS_USAGE = "dev.modelmanager.deploy.weights.usage";

  /**
   * A revision of a deployment reached a state; the type is this prefix plus the state in lower
   * case ({@code pending}, {@code applied}, {@code progressing}, {@code ready}, {@code failed},
   * {@code superseded}); data is {@link DeployEvents.RevisionChanged}.
   */
  public static final String DEPLOY_REVISION_PREFIX = "dev.modelmanager.deploy.revision.";

  public static final String DEPLOY_REVISION_READY = DEPLOY_REVISION_PREFIX + "ready";
  public static final String DEPLOY_REVISION_FAILED = DEPLOY_REVISION_PREFIX + "failed";

  /**
   * A deployment was activated, rolled back or deactivated; data is {@link
   * DeployEvents.DeploymentChanged}.
   */
  public static final String DEPLOY_DEPLOYMENT_ACTIVATED =
      "dev.modelmanager.deploy.deployment.activated";

  public static final String DEPLOY_DEPLOYMENT_ROLLED_BACK =
      "dev.modelmanager.deploy.deployment.rolled-back";
  public static final String DEPLOY_DEPLOYMENT_DEACTIVATED =
      "dev.modelmanager.deploy.deployment.deactivated";

  /**
   * A served deployment's health changed (Ready ↔ NotReady); data is {@link
   * DeployEvents.HealthChanged}.
   */
  public static final String DEPLOY_DEPLOYMENT_HEALTH_CHANGED =
      "dev.modelmanager.deploy.deployment.health-changed";

  /**
   * A served deployment's live InferenceService no longer matches the manifest its revision applied
   * (edited by hand); data is {@link DeployEvents.DriftDetected}.
   */
  public static final String DEPLOY_DRIFT_DETECTED = "dev.modelmanager.deploy.drift.detected";

  private EventTypes() {}
}
