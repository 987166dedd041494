package dev.modelmanager.gateway.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelmanager.model.events.CloudEvent;
import dev.modelmanager.model.events.EventTypes;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the events of background work into signed audit records, linked to the actor who started
 * the work (the event data's {@code actor}: a subject string, or an object with {@code subject},
 * {@code name}, {@code authMethod}, {@code tokenId}; else {@code system}). Every state an install
 * job or a deployment revision reaches is recorded with the content of its history record as the
 * entry's {@code details}, so the job and deployment history is signed like the rest of the trail
 * (docs/audit.md, "Signed job and deployment history").
 */
@ApplicationScoped
public class AuditOutcomes {
  /** The action prefix of every install job's history record. */
  public static final String INSTALL_HISTORY = "EVENT dev.modelmanager.weights.install.";

  /** The action prefix of every deployment's history record (revisions and requests). */
  public static final String DEPLOYMENT_HISTORY = "EVENT dev.modelmanager.deploy.";

  /** Recorded event types whose outcome word is fixed; installs and revisions add their states. */
  static final Map<String, String> OUTCOMES =
      Map.of(
          EventTypes.WEIGHTS_INSTALL_SUCCEEDED, "succeeded",
          EventTypes.WEIGHTS_INSTALL_FAILED, "failed",
          EventTypes.WEIGHTS_INSTALL_CANCELLED, "cancelled",
          EventTypes.DEPLOY_DEPLOYMENT_ACTIVATED, "activated",
          EventTypes.DEPLOY_DEPLOYMENT_ROLLED_BACK, "rolled-back",
          EventTypes.DEPLOY_DEPLOYMENT_DEACTIVATED, "deactivated",
          EventTypes.CATALOG_PR_MERGED, "merged");

  private static final List<String> TARGET_FIELDS =
      List.of("jobId", "deploymentId", "revisionId", "revision", "entryId", "prNumber", "number");

  private final AuditTrail trail;

  AuditOutcomes(AuditTrail trail) {
    this.trail = trail;
  }

  /**
   * Records {@code event} when it is recorded at all; completes once the record is in the chain (a
   * redelivered event is recorded once: its id is kept with the record). A progress event is
   * recorded only when it reports a state the job's last history record does not have.
   */
  public Uni<Void> record(CloudEvent event) {
    Optional<AuditEntry> entry = entry(event);
    if (entry.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    if (!EventTypes.WEIGHTS_INSTALL_PROGRESSED.equals(event.type())) {
      return trail.recordDurably(entry.get());
    }
    // The job's events arrive in order (one partition per job id), each recorded before the next
    // is taken, so the newest history record is the state the job was last seen in.
    return trail
        .list(AuditQuery.history(event.subject(), INSTALL_HISTORY), 1, null)
        .chain(
            last ->
                !last.items().isEmpty()
                        && last.items().get(0).entry().outcome().equals(entry.get().outcome())
                    ? Uni.createFrom().voidItem()
                    : trail.recordDurably(entry.get()));
  }

  /** The audit entry for {@code event}, or empty when it is not recorded. */
  public static Optional<AuditEntry> entry(CloudEvent event) {
    JsonNode data = event.data();
    String outcome = outcome(event.type(), data);
    if (outcome == null) {
      return Optional.empty();
    }
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
            event.id(),
            AuditEntry.sorted(details(data))));
  }

  /**
   * The outcome word of a recorded event type: the fixed word of {@link #OUTCOMES}, the job's state
   * for a created or progressed install ({@code queued}, {@code resolving}, {@code downloading},
   * …), the revision's state for {@code deploy.revision.<state>}; null for an event not recorded.
   */
  static String outcome(String type, JsonNode data) {
    String fixed = OUTCOMES.get(type);
    if (fixed != null) {
      return fixed;
    }
    if (EventTypes.WEIGHTS_INSTALL_CREATED.equals(type)
        || EventTypes.WEIGHTS_INSTALL_PROGRESSED.equals(type)) {
      String state = text(data, "state");
      return state == null ? null : state.toLowerCase(Locale.ROOT);
    }
    if (type != null
        && type.startsWith(EventTypes.DEPLOY_REVISION_PREFIX)
        && type.length() > EventTypes.DEPLOY_REVISION_PREFIX.length()) {
      return type.substring(EventTypes.DEPLOY_REVISION_PREFIX.length());
    }
    return null;
  }

  /**
   * The history record's content: every scalar field of the event's data but {@code actor} (which
   * has fields of its own), as text; a failure's problem ({@code error}) becomes {@code reason},
   * its detail or else its title, unless the data has a {@code reason}.
   */
  static Map<String, String> details(JsonNode data) {
    Map<String, String> details = new HashMap<>();
    if (data == null || !data.isObject()) {
      return details;
    }
    data.fields()
        .forEachRemaining(
            f -> {
              if (!"actor".equals(f.getKey()) && f.getValue().isValueNode()) {
                String value = f.getValue().isNull() ? null : f.getValue().asText();
                details.put(f.getKey(), value);
              }
            });
    JsonNode error = data.get("error");
    if (details.get("reason") == null && error != null && error.isObject()) {
      String reason = text(error, "detail");
      details.put("reason", reason != null ? reason : text(error, "title"));
    }
    return details;
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
