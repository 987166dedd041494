package dev.modelmanager.testkit.kserve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SimulatedKServeTest {
  static SimulatedKServe sim;

  @BeforeAll
  static void start() {
    sim =
        SimulatedKServe.start(
            0,
            "sim",
            List.of(new GpuNode("node-a", 2, "NVIDIA-L4", 23034)),
            Duration.ofMillis(200),
            Duration.ofMillis(100));
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  static void create(String name, int gpus) {
    String yaml =
        """
        apiVersion: serving.kserve.io/v1beta1
        kind: InferenceService
        metadata:
          name: %s
          namespace: sim
        spec:
          predictor:
            labels: {modelmanager.dev/revision: "1"}
            deploymentStrategy: {type: Recreate}
            model:
              modelFormat: {name: vLLM}
              runtime: kserve-vllmserver
              args: ["--model", "org/name"]
              resources:
                requests: {nvidia.com/gpu: "%d"}
                limits: {nvidia.com/gpu: "%d"}
        """
            .formatted(name, gpus, gpus);
    GenericKubernetesResource isvc = Serialization.unmarshal(yaml, GenericKubernetesResource.class);
    sim.client()
        .genericKubernetesResources(SimulatedKServe.INFERENCE_SERVICES)
        .inNamespace("sim")
        .resource(isvc)
        .create();
  }

  static List<Pod> pods(String name) {
    return sim.client()
        .pods()
        .inNamespace("sim")
        .withLabel(KServeController.ISVC_LABEL, name)
        .list()
        .getItems();
  }

  @SuppressWarnings("unchecked")
  static String ready(String name) {
    GenericKubernetesResource isvc = sim.inferenceService(name);
    Map<String, Object> status = (Map<String, Object>) isvc.getAdditionalProperties().get("status");
    if (status == null) {
      return null;
    }
    for (Map<String, Object> c : (List<Map<String, Object>>) status.get("conditions")) {
      if ("Ready".equals(c.get("type"))) {
        return (String) c.get("status");
      }
    }
    return null;
  }

  @Test
  void anInferenceServiceGetsAPredictorPodAndBecomesReady() {
    create("fits", 1);
    await().atMost(Duration.ofSeconds(20)).until(() -> "True".equals(ready("fits")));
    Pod pod = pods("fits").get(0);
    assertThat(pod.getSpec().getNodeName()).isEqualTo("node-a");
    assertThat(pod.getMetadata().getLabels()).containsEntry("modelmanager.dev/revision", "1");
  }

  @Test
  void tooManyGpusLeaveThePodUnschedulable() {
    create("too-big", 4);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                pods("too-big").stream()
                    .flatMap(p -> p.getStatus().getConditions().stream())
                    .anyMatch(
                        c ->
                            "Unschedulable".equals(c.getReason())
                                && c.getMessage().contains("Insufficient nvidia.com/gpu")));
    assertThat(ready("too-big")).isEqualTo("False");
  }

  @Test
  void theCrashLoopKnobCrashesTheNamedService() {
    sim.knobs(Map.of("ready-after", "PT0.2S", "crash-loop", "crashes"));
    create("crashes", 0);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                pods("crashes").stream()
                    .flatMap(p -> p.getStatus().getContainerStatuses().stream())
                    .anyMatch(
                        c ->
                            c.getState().getWaiting() != null
                                && "CrashLoopBackOff"
                                    .equals(c.getState().getWaiting().getReason())));
  }
}
