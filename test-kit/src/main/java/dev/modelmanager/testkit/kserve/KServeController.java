package dev.modelmanager.testkit.kserve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What KServe's controller and the kubelet would do with an InferenceService, reduced to what
 * deploy-service observes: one predictor pod per spec, scheduled on a node with enough free {@code
 * nvidia.com/gpu} (else Pending/Unschedulable with a FailedScheduling event), Running, then Ready
 * after the {@code ready-after} knob, with the InferenceService's Ready, PredictorReady and
 * IngressReady conditions and URL following. Recreate replaces the old pods first; RollingUpdate
 * keeps them until the new one is Ready.
 */
final class KServeController {
  static final String ISVC_LABEL = "serving.kserve.io/inferenceservice";
  static final String SPEC_HASH = "simulated-kserve/spec-hash";
  static final String STARTED = "simulated-kserve/started";
  private static final String GPU = "nvidia.com/gpu";
  private static final Logger LOG = Logger.getLogger(KServeController.class.getName());
  private static final ObjectMapper JSON = new ObjectMapper();

  private final KubernetesClient client;
  private final String namespace;

  KServeController(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  void reconcileQuietly() {
    try {
      reconcile();
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "simulated KServe pass failed", e);
    }
  }

  synchronized void reconcile() {
    Knobs knobs = knobs();
    List<GenericKubernetesResource> isvcs =
        client
            .genericKubernetesResources(SimulatedKServe.INFERENCE_SERVICES)
            .inNamespace(namespace)
            .list()
            .getItems();
    Set<String> names = new java.util.HashSet<>();
    for (GenericKubernetesResource isvc : isvcs) {
      names.add(isvc.getMetadata().getName());
      reconcile(JSON.valueToTree(isvc), knobs);
    }
    // Pods of deleted InferenceServices go away, as their owner references would make them.
    for (Pod pod : pods(null)) {
      if (!names.contains(pod.getMetadata().getLabels().get(ISVC_LABEL))) {
        client.pods().inNamespace(namespace).resource(pod).delete();
      }
    }
  }

  private void reconcile(ObjectNode isvc, Knobs knobs) {
    String name = isvc.path("metadata").path("name").asText();
    JsonNode predictor = isvc.path("spec").path("predictor");
    String hash = Integer.toHexString(predictor.toString().hashCode());
    List<Pod> pods = pods(name);
    List<Pod> current =
        pods.stream()
            .filter(p -> hash.equals(p.getMetadata().getAnnotations().get(SPEC_HASH)))
            .toList();
    List<Pod> old = pods.stream().filter(p -> !current.contains(p)).toList();
    boolean recreate =
        "Recreate".equals(predictor.path("deploymentStrategy").path("type").asText());
    if (predictor.path("minReplicas").asInt(1) == 0) {
      pods.forEach(p -> client.pods().inNamespace(namespace).resource(p).delete());
      status(isvc, false, "ScaledToZero", "The predictor is scaled to zero");
      return;
    }
    if (recreate) {
      old.forEach(p -> client.pods().inNamespace(namespace).resource(p).delete());
    }
    Pod pod = current.isEmpty() ? createPod(isvc, predictor, hash) : current.get(0);
    pod = advance(pod, name, knobs);
    boolean ready = isReady(pod);
    if (ready && !recreate) {
      old.forEach(p -> client.pods().inNamespace(namespace).resource(p).delete());
    }
    status(
        isvc,
        ready,
        ready ? null : "PredictorNotReady",
        ready ? null : "Predictor pod " + pod.getMetadata().getName() + " is not ready");
  }

  private Pod createPod(ObjectNode isvc, JsonNode predictor, String hash) {
    String name = isvc.path("metadata").path("name").asText();
    Map<String, String> labels = new HashMap<>();
    predictor
        .path("labels")
        .fields()
        .forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
    labels.put(ISVC_LABEL, name);
    labels.put("component", "predictor");
    JsonNode model = predictor.path("model");
    ResourceRequirements resources =
        JSON.convertValue(model.path("resources"), ResourceRequirements.class);
    List<String> args = new ArrayList<>();
    model.path("args").forEach(a -> args.add(a.asText()));
    Map<String, String> selector = new HashMap<>();
    predictor
        .path("nodeSelector")
        .fields()
        .forEachRemaining(e -> selector.put(e.getKey(), e.getValue().asText()));
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withName(name + "-predictor-" + hash)
            .withNamespace(namespace)
            .withLabels(labels)
            .withAnnotations(Map.of(SPEC_HASH, hash))
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("kserve-container")
            .withImage("kserve/vllmserver:latest")
            .withArgs(args)
            .withResources(resources)
            .endContainer()
            .withNodeSelector(selector)
            .endSpec()
            .withNewStatus()
            .withPhase("Pending")
            .endStatus()
            .build();
    return client.pods().inNamespace(namespace).resource(pod).create();
  }

  /** Schedules, starts, crashes or readies the pod, one step per pass. */
  private Pod advance(Pod pod, String isvc, Knobs knobs) {
    if (pod.getSpec().getNodeName() == null) {
      return schedule(pod);
    }
    if (knobs.crashLoop().contains(isvc)) {
      return crashLoop(pod);
    }
    Instant started = Instant.parse(pod.getMetadata().getAnnotations().get(STARTED));
    if (!isReady(pod) && Instant.now().isAfter(started.plus(knobs.readyAfter()))) {
      return running(pod, true, started);
    }
    return pod;
  }

  private Pod schedule(Pod pod) {
    int wanted = gpus(pod);
    List<Node> nodes = client.nodes().list().getItems();
    Map<String, String> selector = pod.getSpec().getNodeSelector();
    for (Node node : nodes) {
      Map<String, String> labels = node.getMetadata().getLabels();
      boolean matches =
          selector == null
              || selector.entrySet().stream()
                  .allMatch(s -> s.getValue().equals(labels.get(s.getKey())));
      if (matches && free(node) >= wanted) {
        pod.getSpec().setNodeName(node.getMetadata().getName());
        Instant now = Instant.now();
        pod.getMetadata().getAnnotations().put(STARTED, now.toString());
        client.pods().inNamespace(namespace).resource(pod).update();
        return running(pod, false, now);
      }
    }
    String message =
        "0/"
            + nodes.size()
            + " nodes are available: "
            + nodes.size()
            + " Insufficient nvidia.com/gpu.";
    PodCondition unschedulable =
        new PodConditionBuilder()
            .withType("PodScheduled")
            .withStatus("False")
            .withReason("Unschedulable")
            .withMessage(message)
            .build();
    if (pod.getStatus().getConditions().isEmpty()) {
      pod.getStatus().setConditions(List.of(unschedulable));
      client
          .v1()
          .events()
          .inNamespace(namespace)
          .resource(
              new EventBuilder()
                  .withNewMetadata()
                  .withName(pod.getMetadata().getName() + ".failedscheduling")
                  .withNamespace(namespace)
                  .endMetadata()
                  .withNewInvolvedObject()
                  .withKind("Pod")
                  .withName(pod.getMetadata().getName())
                  .withNamespace(namespace)
                  .endInvolvedObject()
                  .withReason("FailedScheduling")
                  .withType("Warning")
                  .withMessage(message)
                  .build())
          .createOr(op -> op.update());
      return updateStatus(pod);
    }
    return pod;
  }

  private Pod running(Pod pod, boolean ready, Instant started) {
    String flag = ready ? "True" : "False";
    pod.getStatus().setPhase("Running");
    pod.getStatus()
        .setConditions(
            List.of(
                condition("PodScheduled", "True"),
                condition("Initialized", "True"),
                condition("ContainersReady", flag),
                condition("Ready", flag)));
    pod.getStatus()
        .setContainerStatuses(
            List.of(
                new ContainerStatusBuilder()
                    .withName("kserve-container")
                    .withImage("kserve/vllmserver:latest")
                    .withReady(ready)
                    .withStarted(true)
                    .withRestartCount(0)
                    .withNewState()
                    .withNewRunning()
                    .withStartedAt(started.toString())
                    .endRunning()
                    .endState()
                    .build()));
    return updateStatus(pod);
  }

  private Pod crashLoop(Pod pod) {
    pod.getStatus().setPhase("Running");
    pod.getStatus()
        .setConditions(List.of(condition("PodScheduled", "True"), condition("Ready", "False")));
    pod.getStatus()
        .setContainerStatuses(
            List.of(
                new ContainerStatusBuilder()
                    .withName("kserve-container")
                    .withImage("kserve/vllmserver:latest")
                    .withReady(false)
                    .withRestartCount(3)
                    .withNewState()
                    .withNewWaiting()
                    .withReason("CrashLoopBackOff")
                    .withMessage("back-off 40s restarting failed container")
                    .endWaiting()
                    .endState()
                    .withNewLastState()
                    .withNewTerminated()
                    .withExitCode(1)
                    .withReason("Error")
                    .withMessage(
                        "INFO Starting vLLM API server\n"
                            + "ERROR Engine core initialization failed\n"
                            + "ValueError: No available memory for the cache blocks.")
                    .endTerminated()
                    .endLastState()
                    .build()));
    return updateStatus(pod);
  }

  private void status(ObjectNode isvc, boolean ready, String reason, String message) {
    String flag = ready ? "True" : "False";
    String name = isvc.path("metadata").path("name").asText();
    ObjectNode status = JSON.createObjectNode();
    status.put("url", "http://" + name + "-" + namespace + ".example.com");
    status.put("deploymentMode", "RawDeployment");
    var conditions = status.putArray("conditions");
    for (String type : List.of("IngressReady", "PredictorReady", "Ready")) {
      ObjectNode c =
          conditions
              .addObject()
              .put("type", type)
              .put("status", type.equals("IngressReady") ? "True" : flag);
      if (!ready && !type.equals("IngressReady")) {
        c.put("reason", reason).put("message", message);
      }
    }
    if (isvc.path("status").equals(status)) {
      return;
    }
    isvc.set("status", status);
    GenericKubernetesResource updated = JSON.convertValue(isvc, GenericKubernetesResource.class);
    client
        .genericKubernetesResources(SimulatedKServe.INFERENCE_SERVICES)
        .inNamespace(namespace)
        .resource(updated)
        .updateStatus();
  }

  private Pod updateStatus(Pod pod) {
    return client.pods().inNamespace(namespace).resource(pod).updateStatus();
  }

  private int free(Node node) {
    Quantity allocatable = node.getStatus().getAllocatable().get(GPU);
    int total = allocatable == null ? 0 : Integer.parseInt(allocatable.getAmount());
    int used = 0;
    for (Pod p : client.pods().inAnyNamespace().list().getItems()) {
      if (node.getMetadata().getName().equals(p.getSpec().getNodeName())) {
        used += gpus(p);
      }
    }
    return total - used;
  }

  private static int gpus(Pod pod) {
    int sum = 0;
    for (var c : pod.getSpec().getContainers()) {
      if (c.getResources() != null && c.getResources().getRequests() != null) {
        Quantity q = c.getResources().getRequests().get(GPU);
        sum += q == null ? 0 : Integer.parseInt(q.getAmount());
      }
    }
    return sum;
  }

  private static boolean isReady(Pod pod) {
    return pod.getStatus() != null
        && pod.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static PodCondition condition(String type, String status) {
    return new PodConditionBuilder().withType(type).withStatus(status).build();
  }

  private List<Pod> pods(String isvc) {
    var pods = client.pods().inNamespace(namespace);
    return (isvc == null ? pods.withLabel(ISVC_LABEL) : pods.withLabel(ISVC_LABEL, isvc))
        .list()
        .getItems();
  }

  private Knobs knobs() {
    ConfigMap map =
        client.configMaps().inNamespace(namespace).withName(SimulatedKServe.KNOBS).get();
    Map<String, String> data = map == null || map.getData() == null ? Map.of() : map.getData();
    Duration readyAfter = Duration.parse(data.getOrDefault("ready-after", "PT2S"));
    Set<String> crash = new java.util.HashSet<>();
    for (String n : data.getOrDefault("crash-loop", "").split(",")) {
      if (!n.isBlank()) {
        crash.add(n.strip());
      }
    }
    return new Knobs(readyAfter, crash);
  }

  private record Knobs(Duration readyAfter, Set<String> crashLoop) {}
}
