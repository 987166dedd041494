package dev.modelmanager.deploy.client;

/** Thrown by every cluster call while {@code mm.deploy.kubernetes.enabled} is false. */
public class KubernetesNotConfigured extends RuntimeException {
  public KubernetesNotConfigured() {
    super("Kubernetes is not configured", null, false, false);
  }
}
