package dev.modelmanager.deploy.domain;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.List;

/**
 * What runs now: the InferenceService's conditions and URL (RawDeployment or Serverless), and its
 * predictor pods.
 *
 * @param exists false when no InferenceService of that name exists
 * @param latestReadyRevision Serverless (Knative) mode: the predictor's latest ready revision
 */
public record LiveState(
    boolean exists,
    String url,
    String deploymentMode,
    List<Condition> conditions,
    String latestReadyRevision,
    int replicas,
    int readyReplicas,
    List<PodState> pods) {

  /** One status condition. */
  public record Condition(String type, String status, String reason, String message) {}

  /** One predictor pod. */
  public record PodState(
      String name,
      String revision,
      String phase,
      boolean ready,
      int restarts,
      List<String> containerStates,
      int gpuRequests) {}

  public static LiveState absent() {
    return new LiveState(false, null, null, List.of(), null, 0, 0, List.of());
  }

  public static LiveState of(JsonNode isvc, List<Pod> pods) {
    if (isvc == null) {
      return absent();
    }
    JsonNode status = isvc.path("status");
    List<Condition> conditions = new ArrayList<>();
    for (JsonNode c : status.path("conditions")) {
      conditions.add(
          new Condition(
              c.path("type").asText(),
              c.path("status").asText(),
              text(c, "reason"),
              text(c, "message")));
    }
    String mode =
        text(isvc.path("metadata").path("annotations"), Labels.DEPLOYMENT_MODE) != null
            ? text(isvc.path("metadata").path("annotations"), Labels.DEPLOYMENT_MODE)
            : text(status, "deploymentMode");
    List<PodState> podStates = pods.stream().map(LiveState::pod).toList();
    return new LiveState(
        true,
        text(status, "url"),
        mode,
        conditions,
        text(status.path("components").path("predictor"), "latestReadyRevision"),
        podStates.size(),
        (int) podStates.stream().filter(PodState::ready).count(),
        podStates);
  }

  /** The health a person reads first: Ready, NotReady or Absent. */
  public String health() {
    if (!exists) {
      return "Absent";
    }
    return conditions.stream().anyMatch(c -> "Ready".equals(c.type()) && "True".equals(c.status()))
        ? "Ready"
        : "NotReady";
  }

  static boolean conditionTrue(JsonNode isvc, String type) {
    for (JsonNode c : isvc.path("status").path("conditions")) {
      if (type.equals(c.path("type").asText())) {
        return "True".equals(c.path("status").asText());
      }
    }
    return false;
  }

  static String conditionMessage(JsonNode isvc, String type) {
    for (JsonNode c : isvc.path("status").path("conditions")) {
      if (type.equals(c.path("type").asText())) {
        return text(c, "message") != null ? text(c, "message") : text(c, "reason");
      }
    }
    return null;
  }

  private static PodState pod(Pod p) {
    List<String> states = new ArrayList<>();
    int restarts = 0;
    if (p.getStatus() != null && p.getStatus().getContainerStatuses() != null) {
      for (ContainerStatus c : p.getStatus().getContainerStatuses()) {
        restarts += c.getRestartCount() == null ? 0 : c.getRestartCount();
        states.add(c.getName() + ": " + containerState(c));
      }
    }
    int gpus =
        p.getSpec() == null
            ? 0
            : p.getSpec().getContainers().stream()
                .mapToInt(
                    c ->
                        c.getResources() == null || c.getResources().getRequests() == null
                            ? 0
                            : c.getResources().getRequests().get(Gpus.NVIDIA) == null
                                ? 0
                                : Gpus.parse(
                                    c.getResources().getRequests().get(Gpus.NVIDIA).getAmount()))
                .sum();
    return new PodState(
        p.getMetadata().getName(),
        RolloutEvaluator.label(p, Labels.REVISION),
        p.getStatus() == null ? null : p.getStatus().getPhase(),
        RolloutEvaluator.ready(p),
        restarts,
        states,
        gpus);
  }

  private static String containerState(ContainerStatus c) {
    if (c.getState() == null) {
      return "unknown";
    }
    if (c.getState().getRunning() != null) {
      return "running";
    }
    if (c.getState().getWaiting() != null) {
      return "waiting (" + c.getState().getWaiting().getReason() + ")";
    }
    if (c.getState().getTerminated() != null) {
      return "terminated (" + c.getState().getTerminated().getReason() + ")";
    }
    return "unknown";
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
