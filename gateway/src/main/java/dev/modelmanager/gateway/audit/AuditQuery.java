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
 */
public record AuditQuery(
    String actor, String action, String target, String outcome, Instant from, Instant to) {
  public static final AuditQuery ALL = new AuditQuery(null, null, null, null, null, null);
}
