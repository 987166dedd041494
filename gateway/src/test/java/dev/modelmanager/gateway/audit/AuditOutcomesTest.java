package dev.modelmanager.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelmanager.model.events.CloudEvent;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which events become history records, with which outcome and details. */
class AuditOutcomesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String P = "dev.modelmanager.";

  @Test
  void everyStateOfAJobOrARevisionIsRecordedAndObservationsAreNot() {
    ObjectNode queued = JSON.createObjectNode().put("state", "QUEUED");
    assertThat(AuditOutcomes.outcome(P + "weights.install.created", queued)).isEqualTo("queued");
    assertThat(
            AuditOutcomes.outcome(
                P + "weights.install.progressed",
                JSON.createObjectNode().put("state", "DOWNLOADING")))
        .isEqualTo("downloading");
    // A progress event that names no state is not a transition.
    assertThat(AuditOutcomes.outcome(P + "weights.install.progressed", JSON.createObjectNode()))
        .isNull();
    assertThat(AuditOutcomes.outcome(P + "weights.install.failed", queued)).isEqualTo("failed");
    assertThat(AuditOutcomes.outcome(P + "deploy.revision.progressing", null))
        .isEqualTo("progressing");
    assertThat(AuditOutcomes.outcome(P + "deploy.deployment.rolled-back", null))
        .isEqualTo("rolled-back");
    assertThat(AuditOutcomes.outcome(P + "deploy.deployment.health-changed", null)).isNull();
    assertThat(AuditOutcomes.outcome(P + "deploy.drift.detected", null)).isNull();
    assertThat(AuditOutcomes.outcome(P + "weights.snapshot.deleted", null)).isNull();
    assertThat(AuditOutcomes.outcome(P + "deploy.revision.", null)).isNull();
  }

  @Test
  void detailsAreTheDataScalarsButTheActorWithTheFailureAsReason() throws Exception {
    ObjectNode data =
        (ObjectNode)
            JSON.readTree(
                "{\"id\":\"j1\",\"repo\":\"a/b\",\"commit\":null,\"bytesDone\":12345678901,"
                    + "\"pin\":true,\"actor\":{\"subject\":\"alice\",\"name\":\"Alice\"},"
                    + "\"files\":[\"x\"],\"state\":\"FAILED\","
                    + "\"error\":{\"title\":\"Bad Gateway\",\"detail\":\"the Hub is down\"}}");
    CloudEvent event =
        new CloudEvent(
            "1.0",
            "e1",
            "/mm/weights-service",
            P + "weights.install.failed",
            "j1",
            null,
            "application/json",
            data);
    AuditEntry entry = AuditOutcomes.entry(event).orElseThrow();
    assertThat(entry.details())
        .containsExactlyEntriesOf(
            new java.util.TreeMap<>(
                Map.of(
                    "bytesDone", "12345678901",
                    "id", "j1",
                    "pin", "true",
                    "reason", "the Hub is down",
                    "repo", "a/b",
                    "state", "FAILED")));
    assertThat(entry.actor().subject()).isEqualTo("alice");
    assertThat(entry.actor().name()).isEqualTo("Alice");
    assertThat(entry.targets()).containsExactly("j1");
    assertThat(entry.outcome()).isEqualTo("failed");

    data.put("reason", "kept as it is");
    assertThat(AuditOutcomes.entry(event).orElseThrow().details().get("reason"))
        .isEqualTo("kept as it is");
  }
}
