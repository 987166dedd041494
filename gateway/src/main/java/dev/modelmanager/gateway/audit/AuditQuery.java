package dev.modelmanager.gateway.audit;

import java.time.Instant;

/**
 * Filters of the audit list and export; a null field does not filter.
 *
 * @param actor the actor's subject, exactly
 * @param action the action, exactly ({@code POST /api/v1/weights/installs})
 * @param target one of the record's target ids, exactly
 * @param outcome the outcome, exactly ({@code 403}, {@code succeeded})
 * @param from records at or after this time
 * @param to records before this time
 * @param actionPrefix the action starts with this text ({@code EVENT
 *     dev.modelmanager.weights.install.}), taken literally
 */
public record AuditQuery(
    String actor,
    String action,
    String target,
    String outcome,
    Instant from,
    Instant to,
    String actionPrefix) {
  public static final AuditQuery ALL = new AuditQuery(null, null, null, null, null, null);

  /** Filters without an action prefix (the audit list's query parameters). */
  public AuditQuery(
      String actor, String action, String target, String outcome, Instant from, Instant to) {
    this(actor, action, target, outcome, from, to, null);
  }

  /** Every record of {@code target} whose action starts with {@code actionPrefix}. */
  public static AuditQuery history(String target, String actionPrefix) {
    return new AuditQuery(null, null, target, null, null, null, actionPrefix);
  }
}
