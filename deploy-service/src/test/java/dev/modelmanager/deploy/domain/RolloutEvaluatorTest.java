package dev.modelmanager.deploy.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RolloutEvaluatorTest {
  static final Instant APPLIED = Instant.parse("2026-11-29T10:00:00Z");
  static final Duration TIMEOUT = Duration.ofMinutes(15);

  static JsonNode isvc(String ready) throws Exception {
    return new ObjectMapper()
        .readTree(
            "{\"status\":{\"conditions\":[{\"type\":\"Ready\",\"status\":\""
                + ready
                + "\",\"message\":\"Predictor pod is not ready\"}]}}");
  }

  static Pod pod(ContainerStatus status, boolean ready) {
    return new PodBuilder()
        .withNewMetadata()
        .withName("chat-predictor-1")
        .addToLabels("modelmanager.dev/revision", "2")
        .endMetadata()
        .withNewStatus()
        .withPhase("Running")
        .addNewCondition()
        .withType("Ready")
        .withStatus(ready ? "True" : "False")
        .endCondition()
        .withContainerStatuses(status)
        .endStatus()
        .build();
  }

  static Verdict evaluate(JsonNode isvc, Pod pod, Instant now) {
    return RolloutEvaluator.evaluate(
        2, APPLIED, isvc, List.of(pod), List.of(), now, TIMEOUT, p -> "from the log API");
  }

  @Test
  void anImageThatCannotBePulledFails() throws Exception {
    ContainerStatus s =
        new ContainerStatusBuilder()
            .withName("kserve-container")
            .withImage("vllm/vllm-openai:nope")
            .withNewState()
            .withNewWaiting()
            .withReason("ImagePullBackOff")
            .withMessage("Back-off pulling image")
            .endWaiting()
            .endState()
            .build();
    Verdict v = evaluate(isvc("False"), pod(s, false), APPLIED.plusSeconds(30));
    assertThat(v.state()).isEqualTo(RevisionState.FAILED);
    assertThat(v.reason()).startsWith("ImagePullBackOff").contains("vllm/vllm-openai:nope");
  }

  @Test
  void anOutOfMemoryKillFails() throws Exception {
    ContainerStatus s =
        new ContainerStatusBuilder()
            .withName("kserve-container")
            .withRestartCount(1)
            .withNewState()
            .withNewRunning()
            .endRunning()
            .endState()
            .withNewLastState()
            .withNewTerminated()
            .withReason("OOMKilled")
            .withExitCode(137)
            .endTerminated()
            .endLastState()
            .build();
    assertThat(evaluate(isvc("False"), pod(s, false), APPLIED.plusSeconds(30)).reason())
        .startsWith("OOMKilled");
  }

  @Test
  void aCrashLoopWithoutATerminationMessageQuotesTheLogApi() throws Exception {
    ContainerStatus s =
        new ContainerStatusBuilder()
            .withName("kserve-container")
            .withRestartCount(4)
            .withNewState()
            .withNewWaiting()
            .withReason("CrashLoopBackOff")
            .endWaiting()
            .endState()
            .build();
    assertThat(evaluate(isvc("False"), pod(s, false), APPLIED.plusSeconds(30)).reason())
        .contains("restarted 4 times")
        .contains("from the log API");
  }

  @Test
  void notReadyInTimeFailsWithTheConditionsMessage() throws Exception {
    ContainerStatus s =
        new ContainerStatusBuilder()
            .withName("kserve-container")
            .withNewState()
            .withNewRunning()
            .endRunning()
            .endState()
            .build();
    Verdict v = evaluate(isvc("False"), pod(s, false), APPLIED.plus(TIMEOUT).plusSeconds(1));
    assertThat(v.state()).isEqualTo(RevisionState.FAILED);
    assertThat(v.reason()).startsWith("Readiness timeout").contains("Predictor pod is not ready");
    assertThat(evaluate(isvc("False"), pod(s, false), APPLIED.plusSeconds(60)).state())
        .isEqualTo(RevisionState.PROGRESSING);
  }

  @Test
  void readyNeedsAReadyPodOfThisRevision() throws Exception {
    ContainerStatus s =
        new ContainerStatusBuilder()
            .withName("kserve-container")
            .withReady(true)
            .withNewState()
            .withNewRunning()
            .endRunning()
            .endState()
            .build();
    assertThat(evaluate(isvc("True"), pod(s, true), APPLIED.plusSeconds(60)).state())
        .isEqualTo(RevisionState.READY);
    Verdict oldPodOnly =
        RolloutEvaluator.evaluate(
            3,
            APPLIED,
            isvc("True"),
            List.of(pod(s, true)),
            List.of(),
            APPLIED,
            TIMEOUT,
            p -> null);
    assertThat(oldPodOnly.state()).isEqualTo(RevisionState.APPLIED);
  }
}
