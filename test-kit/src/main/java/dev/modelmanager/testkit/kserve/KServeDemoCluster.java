package dev.modelmanager.testkit.kserve;

import java.time.Duration;
import java.util.List;

/**
 * {@code bin/mm up --demo}'s Kubernetes cluster: the simulated KServe controller on a fixed port
 * with two single-GPU L4 nodes and the claim {@code models-default} (weights-service's default
 * location), namespace {@code model-manager}.
 *
 * <p>Usage: {@code KServeDemoCluster [--port 8093] [--namespace model-manager] [--ready-after
 * PT5S]}
 */
public final class KServeDemoCluster {
  private KServeDemoCluster() {}

  public static void main(String[] args) throws InterruptedException {
    // The mock server logs every request at INFO: the controller alone makes several a second.
    java.util.logging.Logger.getLogger("io.fabric8.mockwebserver")
        .setLevel(java.util.logging.Level.WARNING);
    int port = 8093;
    String namespace = "model-manager";
    Duration readyAfter = Duration.ofSeconds(5);
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(args[i + 1]);
        case "--namespace" -> namespace = args[i + 1];
        case "--ready-after" -> readyAfter = Duration.parse(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    SimulatedKServe sim =
        SimulatedKServe.start(
            port,
            namespace,
            List.of(
                new GpuNode("gpu-node-1", 1, "NVIDIA-L4", 23034),
                new GpuNode("gpu-node-2", 1, "NVIDIA-L4", 23034)),
            readyAfter,
            Duration.ofMillis(500));
    // weights-service's default location, as the demo's deploy-service names its claim.
    sim.claim("models-default");
    Runtime.getRuntime().addShutdownHook(new Thread(sim::close));
    System.out.println(
        "simulated KServe cluster on " + sim.url() + " (namespace " + namespace + ")");
    Thread.currentThread().join();
  }
}
