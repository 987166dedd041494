package dev.modelmanager.gateway.activity;

import dev.modelmanager.gateway.notify.domain.Subscription;
import java.time.Instant;
import java.util.List;

/**
 * Filters of the activity feed; a null or empty field does not filter.
 *
 * @param types type patterns (exact, {@code prefix.*} or {@code *}); a request's type is {@code
 *     dev.modelmanager.<area>.request}
 * @param kind {@code event} or {@code request}
 * @param model a Hugging Face repo id the entry concerns
 * @param actor the actor's subject, exactly
 * @param since entries at or after this time
 * @param until entries before this time
 */
public record ActivityQuery(
    List<String> types, String kind, String model, String actor, Instant since, Instant until) {

  public ActivityQuery {
    types = types == null ? List.of() : List.copyOf(types);
  }

  /** Whether {@code entry} passes every filter. */
  public boolean matches(ActivityEntry entry) {
    return (types.isEmpty()
            || types.stream().anyMatch(p -> Subscription.typeMatches(p, entry.type())))
        && (kind == null || kind.equals(entry.kind()))
        && (model == null || model.equals(entry.model()) || entry.targets().contains(model))
        && (actor == null || actor.equals(entry.actor()))
        && (since == null || !entry.time().isBefore(since))
        && (until == null || entry.time().isBefore(until));
  }

  /** The one exact type asked for, when the filter is exactly that (the log can filter it). */
  String exactType() {
    return types.size() == 1 && !types.get(0).contains("*") ? types.get(0) : null;
  }
}
