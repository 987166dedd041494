package dev.modelmanager.deploy.client;

/** The Kubernetes API server refused a request (invalid manifest, forbidden, conflict). */
public class KubernetesRejected extends RuntimeException {
  private final int status;

  public KubernetesRejected(int status, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
