package dev.modelmanager.gateway.notify.domain;

import java.time.Duration;
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
 * @param digest email only: one mail per this interval listing the events, instead of one mail per
 *     event; null for one message per event
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
    Instant updatedAt,
    Duration digest) {

  public Channel {
    events = List.copyOf(events);
    filters = filters == null ? Map.of() : Map.copyOf(filters);
  }

  /** Whether this channel collects its events into one message per {@link #digest} interval. */
  public boolean digests() {
    return digest != null;
  }
}
