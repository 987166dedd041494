package dev.modelmanager.deploy;

import dev.modelmanager.testkit.kserve.GpuNode;
import dev.modelmanager.testkit.kserve.SimulatedKServe;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A Kubernetes API server (fabric8 mock, CRUD mode) driven by test-kit's simulated KServe
 * controller, with one node of 16 L4 GPUs; deploy-service applies with create-or-replace, since the
 * mock has no server-side apply (ServerSideApplyRequestTest checks the real request).
 */
public class SimulatedClusterResource implements QuarkusTestResourceLifecycleManager {
  public static final String NAMESPACE = "deploy-test";
  private SimulatedKServe sim;

  @Override
  public Map<String, String> start() {
    sim =
        SimulatedKServe.start(
            0,
            NAMESPACE,
            List.of(new GpuNode("gpu-node-1", 16, "NVIDIA-L4", 23034)),
            Duration.ofMillis(800),
            Duration.ofMillis(100));
    return Map.of(
        "quarkus.kubernetes-client.api-server-url", sim.url(),
        "quarkus.kubernetes-client.trust-certs", "true",
        "quarkus.kubernetes-client.namespace", NAMESPACE,
        "mm.deploy.kubernetes.enabled", "true",
        "mm.deploy.kubernetes.namespace", NAMESPACE,
        "mm.deploy.kubernetes.apply-mode", "replace",
        "mm.deploy.rollout.poll-interval", "0.2s");
  }

  @Override
  public void stop() {
    if (sim != null) {
      sim.close();
    }
  }
}
