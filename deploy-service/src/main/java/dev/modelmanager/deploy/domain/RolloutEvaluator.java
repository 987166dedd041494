package dev.modelmanager.deploy.domain;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Decides where an applied revision stands from the InferenceService, its pods and their events:
 * READY once the InferenceService is Ready and a pod of this revision is ready; FAILED with the
 * cause a person can act on (no GPU free, image not pulled, out of memory, crash loop with the last
 * log lines, readiness timeout); PROGRESSING while its pods start.
 */
public final class RolloutEvaluator {
  private static final Set<String> IMAGE_FAILURES =
      Set.of("ImagePullBackOff", "ErrImagePull", "InvalidImageName", "CreateContainerConfigError");

  private RolloutEvaluator() {}

  /**
   * @param logTail the last log lines of a pod's crashing container, asked only when its terminated
   *     state carries no message
   */
  public static Verdict evaluate(
      int revision,
      Instant appliedAt,
      JsonNode isvc,
      List<Pod> pods,
      List<Event> events,
      Instant now,
      Duration readinessTimeout,
      Function<Pod, String> logTail) {
    if (isvc == null) {
      return new Verdict(
          RevisionState.FAILED, "The InferenceService was deleted during the rollout");
    }
    List<Pod> mine =
        pods.stream()
            .filter(p -> String.valueOf(revision).equals(label(p, Labels.REVISION)))
            .toList();
    for (Pod pod : mine) {
      Optional<String> failure = failure(pod, events, logTail);
      if (failure.isPresent()) {
        return new Verdict(RevisionState.FAILED, failure.get());
      }
    }
    if (LiveState.conditionTrue(isvc, "Ready") && mine.stream().anyMatch(RolloutEvaluator::ready)) {
      return new Verdict(RevisionState.READY, "InferenceService is Ready");
    }
    if (appliedAt != null && now.isAfter(appliedAt.plus(readinessTimeout))) {
      String why = LiveState.conditionMessage(isvc, "Ready");
      return new Verdict(
          RevisionState.FAILED,
          "Readiness timeout: not Ready "
              + readinessTimeout.toSeconds()
              + "s after apply"
              + (why == null ? "" : " (" + why + ")"));
    }
    return mine.isEmpty()
        ? new Verdict(RevisionState.APPLIED, "Waiting for the predictor's pods")
        : new Verdict(RevisionState.PROGRESSING, progress(mine));
  }

  private static Optional<String> failure(Pod pod, List<Event> events, Function<Pod, String> logs) {
    Optional<String> unschedulable = unschedulable(pod, events);
    if (unschedulable.isPresent()) {
      return unschedulable;
    }
    List<ContainerStatus> statuses =
        pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null
            ? List.of()
            : pod.getStatus().getContainerStatuses();
    for (ContainerStatus c : statuses) {
      ContainerStateWaiting waiting = c.getState() == null ? null : c.getState().getWaiting();
      ContainerStateTerminated last =
          c.getLastState() == null ? null : c.getLastState().getTerminated();
      ContainerStateTerminated now = c.getState() == null ? null : c.getState().getTerminated();
      if (waiting != null && IMAGE_FAILURES.contains(waiting.getReason())) {
        return Optional.of(
            waiting.getReason()
                + ": "
                + nullToEmpty(waiting.getMessage())
                + " ("
                + c.getImage()
                + ")");
      }
      if (oom(last) || oom(now)) {
        return Optional.of(
            "OOMKilled: container "
                + c.getName()
                + " of pod "
                + pod.getMetadata().getName()
                + " ran out of memory; raise its memory limit or lower --max-model-len");
      }
      if (waiting != null && "CrashLoopBackOff".equals(waiting.getReason())) {
        String tail =
            last != null && last.getMessage() != null ? last.getMessage() : logs.apply(pod);
        return Optional.of(
            "CrashLoopBackOff: container "
                + c.getName()
                + " restarted "
                + c.getRestartCount()
                + " times"
                + (last != null && last.getExitCode() != null
                    ? ", exit code " + last.getExitCode()
                    : "")
                + (tail == null || tail.isBlank() ? "" : "; last log lines:\n" + tail.strip()));
      }
    }
    return Optional.empty();
  }

  private static Optional<String> unschedulable(Pod pod, List<Event> events) {
    if (pod.getStatus() != null && pod.getStatus().getConditions() != null) {
      for (PodCondition c : pod.getStatus().getConditions()) {
        if ("PodScheduled".equals(c.getType())
            && "False".equals(c.getStatus())
            && "Unschedulable".equals(c.getReason())
            && c.getMessage() != null
            && c.getMessage().contains("Insufficient nvidia.com/gpu")) {
          return Optional.of("Unschedulable: " + c.getMessage());
        }
      }
    }
    return events.stream()
        .filter(e -> "FailedScheduling".equals(e.getReason()))
        .filter(e -> e.getInvolvedObject() != null)
        .filter(e -> pod.getMetadata().getName().equals(e.getInvolvedObject().getName()))
        .map(Event::getMessage)
        .filter(m -> m != null && m.contains("Insufficient nvidia.com/gpu"))
        .map(m -> "Unschedulable: " + m)
        .findFirst();
  }

  private static boolean oom(ContainerStateTerminated t) {
    return t != null && "OOMKilled".equals(t.getReason());
  }

  static boolean ready(Pod pod) {
    return pod.getStatus() != null
        && pod.getStatus().getConditions() != null
        && pod.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static String progress(List<Pod> pods) {
    long ready = pods.stream().filter(RolloutEvaluator::ready).count();
    String phase = pods.get(0).getStatus() == null ? "Pending" : pods.get(0).getStatus().getPhase();
    return ready + "/" + pods.size() + " predictor pods ready (" + phase + ")";
  }

  static String label(Pod pod, String key) {
    return pod.getMetadata() == null || pod.getMetadata().getLabels() == null
        ? null
        : pod.getMetadata().getLabels().get(key);
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
