package dev.modelmanager.deploy.domain;

/** The labels and annotations Model Manager puts on what it deploys. */
public final class Labels {
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String MANAGER = "model-manager";
  public static final String NAME = "app.kubernetes.io/name";
  public static final String ENTRY = "modelmanager.dev/entry";
  public static final String REVISION = "modelmanager.dev/revision";
  public static final String CATALOG_COMMIT = "modelmanager.dev/catalog-commit";
  public static final String MODEL = "modelmanager.dev/model";
  public static final String MODEL_COMMIT = "modelmanager.dev/model-commit";
  public static final String WEIGHTS_LOCATION = "modelmanager.dev/weights-location";
  public static final String DEPLOYMENT_MODE = "serving.kserve.io/deploymentMode";

  /** KServe puts this label on every pod of an InferenceService. */
  public static final String ISVC_POD_LABEL = "serving.kserve.io/inferenceservice";

  private Labels() {}
}
