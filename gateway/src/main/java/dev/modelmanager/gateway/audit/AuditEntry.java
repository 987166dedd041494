package dev.modelmanager.gateway.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What happened, before it joins the chain: one mutating or denied request, or one background
 * outcome reported over Kafka.
 *
 * @param time when it happened (millisecond precision, so it survives every store unchanged)
 * @param kind {@link #REQUEST} or {@link #EVENT}
 * @param actor who did it
 * @param action {@code METHOD route-template} for requests, {@code EVENT <type>} for outcomes
 * @param targets the ids the action touched (path parameters, or the event's subject)
 * @param outcome the HTTP status for requests ({@code "201"}), the outcome word for events ({@code
 *     "succeeded"}, {@code "failed"}, {@code "ready"}, …)
 * @param requestId the request id, or null
 * @param clientAddress the caller's address as the gateway saw it, or null
 * @param eventId the CloudEvent id for outcomes (a redelivered event is recorded once), else null
 * @param details for records of background work, the content of the job or revision history record
 *     the event reported (repo, commit, location, state, bytes, reason, …), as text values sorted
 *     by key; empty for requests
 */
public record AuditEntry(
    Instant time,
    String kind,
    Actor actor,
    String action,
    List<String> targets,
    String outcome,
    String requestId,
    String clientAddress,
    String eventId,
    SortedMap<String, String> details) {

  public static final String REQUEST = "request";
  public static final String EVENT = "event";

  public AuditEntry {
    time = Objects.requireNonNull(time, "time").truncatedTo(ChronoUnit.MILLIS);
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(action, "action");
    targets = targets == null ? List.of() : List.copyOf(targets);
    Objects.requireNonNull(outcome, "outcome");
    details = sorted(details);
  }

  /** An entry without details (every request record). */
  public AuditEntry(
      Instant time,
      String kind,
      Actor actor,
      String action,
      List<String> targets,
      String outcome,
      String requestId,
      String clientAddress,
      String eventId) {
    this(time, kind, actor, action, targets, outcome, requestId, clientAddress, eventId, null);
  }

  /** {@code details} without null keys or values, sorted by key, unmodifiable. */
  public static SortedMap<String, String> sorted(Map<String, String> details) {
    TreeMap<String, String> copy = new TreeMap<>();
    if (details != null) {
      details.forEach(
          (k, v) -> {
            if (k != null && v != null) {
              copy.put(k, v);
            }
          });
    }
    return Collections.unmodifiableSortedMap(copy);
  }

  /**
   * Who acted.
   *
   * @param subject stable id ({@code anonymous} when no credential was accepted, {@code system} for
   *     background work nobody started)
   * @param name display name
   * @param authMethod {@code api_token}, {@code oidc}, {@code session}, or {@code none}
   * @param tokenId the API token's id, else null
   */
  public record Actor(String subject, String name, String authMethod, String tokenId) {
    public static final Actor ANONYMOUS = new Actor("anonymous", "anonymous", "none", null);
    public static final Actor SYSTEM = new Actor("system", "system", "none", null);

    public Actor {
      Objects.requireNonNull(subject, "subject");
      name = name == null ? subject : name;
      authMethod = authMethod == null ? "none" : authMethod;
    }
  }
}
