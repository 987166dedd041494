package dev.modelmanager.gateway.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelmanager.model.events.CloudEvent;
import dev.modelmanager.model.events.EventTypes;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the outcome events of background work (an install that succeeded, failed or was cancelled,
 * a revision that became READY or FAILED, a merged catalog PR) into audit records, linked to the
 * actor who started the work: the event data's {@code actor} (a subject string, or an object with
 * {@code subject}, {@code name}, {@code authMethod}, {@code tokenId}), else {@code system}.
 */
@ApplicationScoped
public class AuditOutcomes {
  /** The recorded event types and the outcome each stands for. */
  static final Map<String, String> OUTCOMES =
      Map.of(
          EventTypes.WEIGHTS_INSTALL_SUCCEEDED, "succeeded",
          EventTypes.WEIGHTS_INSTALL_FAILED, "failed",
          EventTypes.WEIGHTS_INSTALL_CANCELLED, "cancelled",
          EventTypes.DEPLOY_REVISION_READY, "ready",
          EventTypes.DEPLOY_REVISION_FAILED, "failed",
          EventTypes.CATALOG_PR_MERGED, "merged");

  private static final List<String> TARGET_FIELDS =
      List.of("jobId", "deploymentId", "revisionId", "revision", "entryId", "prNumber", "number");

  private final AuditTrail trail;

  AuditOutcomes(AuditTrail trail) {
    this.trail = trail;
  }

  /**
   * Records {@code event} when it is an outcome; completes once the record is in the chain (a
   * redelivered event is recorded once: its id is kept with the record).
   */
  public Uni<Void> record(CloudEvent event) {
    return entry(event).map(trail::recordDurably).orElseGet(() -> Uni.createFrom().voidItem());
  }

  /** The audit entry for {@code event}, or empty when it is not an outcome. */
  public static Optional<AuditEntry> entry(CloudEvent event) {
    String outcome = OUTCOMES.get(event.type());
    if (outcome == null) {
      return Optional.empty();
    }
    JsonNode data = event.data();
    List<String> targets = new ArrayList<>();
    if (event.subject() != null && !event.subject().isBlank()) {
      targets.add(event.subject());
    }
    if (data != null && data.isObject()) {
      for (String field : TARGET_FIELDS) {
        JsonNode v = data.get(field);
        if (v != null
            && v.isValueNode()
            && !v.asText().isBlank()
            && !targets.contains(v.asText())) {
          targets.add(v.asText());
        }
      }
    }
    return Optional.of(
        new AuditEntry(
            event.time() == null ? Instant.now() : event.time(),
            AuditEntry.EVENT,
            actor(data),
            "EVENT " + event.type(),
            targets,
            outcome,
            text(data, "requestId"),
            null,
            event.id()));
  }

  /** Who started the work an event reports: its data's {@code actor}, else {@code system}. */
  public static AuditEntry.Actor actor(JsonNode data) {
    JsonNode a = data == null ? null : data.get("actor");
    if (a == null || a.isNull()) {
      return AuditEntry.Actor.SYSTEM;
    }
    if (a.isTextual() && !a.asText().isBlank()) {
      return new AuditEntry.Actor(a.asText(), a.asText(), null, null);
    }
    String subject = text(a, "subject");
    if (a.isObject() && subject != null) {
      return new AuditEntry.Actor(
          subject, text(a, "name"), text(a, "authMethod"), text(a, "tokenId"));
    }
    return AuditEntry.Actor.SYSTEM;
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v == null || v.isNull() || !v.isValueNode() || v.asText().isBlank() ? null : v.asText();
  }
}
