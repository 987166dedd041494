package dev.modelmanager.gateway.notify.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A notification channel and its subscription.
 *
 * @param target the URL (slack, webhook) or the email address
 * @param events event-type patterns: exact types, {@code prefix.*} or {@code *}
 * @param filters optional equality filters on {@code model}, {@code deployment}, {@code location}
 * @param secret the webhook signing secret ({@code whsec_…}); null for other types. Never shown.
 */
public record Channel(
    String id,
    String name,
    ChannelType type,
    String target,
    List<String> events,
    Severity minSeverity,
    Map<String, String> filters,
    String secret,
    boolean enabled,
    String createdBy,
    Instant createdAt,
    Instant updatedAt) {

  public Channel {
    events = List.copyOf(events);
    filters = filters == null ? Map.of() : Map.copyOf(filters);
  }
}
