package dev.modelmanager.deploy.client;

/** The Kubernetes API server could not be reached or answered with a server error. */
public class KubernetesUnavailable extends RuntimeException {
  public KubernetesUnavailable(String message, Throwable cause) {
    super(message, cause);
  }
}
