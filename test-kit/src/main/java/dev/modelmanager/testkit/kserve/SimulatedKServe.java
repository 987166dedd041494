package dev.modelmanager.testkit.kserve;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A Kubernetes API server in CRUD mode with a simulated KServe controller running against it. Knobs
 * live in the ConfigMap {@value #KNOBS} of the namespace, so a test or a person changes them
 * through the Kubernetes API like anything else: {@code ready-after} (an ISO-8601 duration, default
 * PT2S) and {@code crash-loop} (comma-separated InferenceService names whose container crashes).
 */
public final class SimulatedKServe implements AutoCloseable {
  public static final String KNOBS = "kserve-simulator";
  static final CustomResourceDefinitionContext INFERENCE_SERVICES =
      new CustomResourceDefinitionContext.Builder()
          .withGroup("serving.kserve.io")
          .withVersion("v1beta1")
          .withKind("InferenceService")
          .withPlural("inferenceservices")
          .withScope("Namespaced")
          .withStatusSubresource(true)
          .build();

  private final KubernetesMockServer server;
  private final KubernetesClient client;
  private final String namespace;
  private final ScheduledExecutorService loop;
  private final KServeController controller;

  private SimulatedKServe(KubernetesMockServer server, String namespace, Duration tick) {
    this.server = server;
    this.client = server.createClient();
    this.namespace = namespace;
    this.controller = new KServeController(client, namespace);
    this.loop =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "simulated-kserve");
              t.setDaemon(true);
              return t;
            });
    loop.scheduleWithFixedDelay(
        controller::reconcileQuietly, 0, tick.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Starts the API server on 127.0.0.1:{@code port} (0: a free port) with {@code nodes}, the
   * namespace and the knobs ConfigMap, and the controller ticking every {@code tick}.
   */
  public static SimulatedKServe start(
      int port, String namespace, List<GpuNode> nodes, Duration readyAfter, Duration tick) {
    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesCrudDispatcher(List.of(INFERENCE_SERVICES)),
            false);
    try {
      server.init(InetAddress.getByName("127.0.0.1"), port);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    SimulatedKServe sim = new SimulatedKServe(server, namespace, tick);
    sim.client
        .namespaces()
        .resource(
            new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                .withNewMetadata()
                .withName(namespace)
                .endMetadata()
                .build())
        .create();
    nodes.forEach(n -> sim.client.nodes().resource(n.toNode()).create());
    sim.knobs(Map.of("ready-after", readyAfter.toString(), "crash-loop", ""));
    return sim;
  }

  /** The API server's URL, for {@code quarkus.kubernetes-client.api-server-url}. */
  public String url() {
    return server.url("/");
  }

  public int port() {
    return server.getPort();
  }

  /** A client of the simulated cluster. */
  public KubernetesClient client() {
    return client;
  }

  /** Runs one controller pass now. */
  public void reconcile() {
    controller.reconcile();
  }

  /** Replaces the knobs. */
  public void knobs(Map<String, String> values) {
    ConfigMap map =
        new ConfigMapBuilder()
            .withNewMetadata()
            .withName(KNOBS)
            .withNamespace(namespace)
            .endMetadata()
            .withData(values)
            .build();
    client.configMaps().inNamespace(namespace).resource(map).createOr(op -> op.update());
  }

  /** Adds a bound PersistentVolumeClaim, e.g. a weights location's. */
  public void claim(String name) {
    client
        .persistentVolumeClaims()
        .inNamespace(namespace)
        .resource(
            new io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(namespace)
                .endMetadata()
                .withNewSpec()
                .withAccessModes("ReadOnlyMany")
                .endSpec()
                .withNewStatus()
                .withPhase("Bound")
                .endStatus()
                .build())
        .createOr(op -> op.update());
  }

  /** The InferenceService as the cluster holds it, or null. */
  public GenericKubernetesResource inferenceService(String name) {
    return client
        .genericKubernetesResources(INFERENCE_SERVICES)
        .inNamespace(namespace)
        .withName(name)
        .get();
  }

  @Override
  public void close() {
    loop.shutdownNow();
    client.close();
    server.destroy();
  }
}
