package dev.modelmanager.deploy.service;

import dev.modelmanager.deploy.client.KubernetesNotConfigured;
import dev.modelmanager.deploy.client.KubernetesRejected;
import dev.modelmanager.deploy.client.KubernetesUnavailable;
import dev.modelmanager.kit.web.ProblemException;
import dev.modelmanager.model.problem.ProblemType;
import java.util.function.Supplier;

/** Cluster failures as the problems a caller sees. */
final class ClusterProblems {
  private ClusterProblems() {}

  static <T> T call(Supplier<T> work) {
    try {
      return work.get();
    } catch (RuntimeException e) {
      throw translate(e);
    }
  }

  static RuntimeException translate(RuntimeException e) {
    if (e instanceof KubernetesNotConfigured) {
      return new ProblemException(
          ProblemType.SERVICE_UNAVAILABLE,
          "Kubernetes is not configured: set mm.deploy.kubernetes.enabled=true and a cluster"
              + " (kubeconfig, in-cluster account or quarkus.kubernetes-client.api-server-url)");
    }
    if (e instanceof KubernetesUnavailable) {
      return new ProblemException(ProblemType.SERVICE_UNAVAILABLE, e.getMessage());
    }
    if (e instanceof KubernetesRejected r) {
      ProblemType type =
          r.status() == 409
              ? ProblemType.CONFLICT
              : r.status() == 403 ? ProblemType.FORBIDDEN : ProblemType.INVALID_CONTENT;
      return new ProblemException(
          type, "The Kubernetes API refused the request: " + r.getMessage());
    }
    return e;
  }
}
