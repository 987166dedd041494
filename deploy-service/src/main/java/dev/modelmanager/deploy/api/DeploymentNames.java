package dev.modelmanager.deploy.api;

/** Validation patterns of path and body fields. */
final class DeploymentNames {
  /** A DNS-1123 label: what Kubernetes accepts as an InferenceService name. */
  static final String DNS_LABEL = "[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?";

  /** A catalog entry id (its slug, a DNS-1123 label too). */
  static final String ENTRY_ID = DNS_LABEL;

  private DeploymentNames() {}
}
