package dev.modelmanager.gateway.notify.domain;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Whether a channel wants an event: its type patterns, minimum severity and filters. */
public final class Subscription {
  /** The filter keys a channel may use. */
  public static final Set<String> FILTER_KEYS = Set.of("model", "deployment", "location");

  /** An event-type pattern: dotted words, optionally ending in {@code .*}, or {@code *}. */
  public static final Pattern PATTERN =
      Pattern.compile("\\*|[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*(\\.\\*)?");

  // Where each filter looks in the event's data (the services name these fields differently).
  private static final Map<String, List<String>> FIELDS =
      Map.of(
          "model", List.of("model", "modelId", "repoId", "repo", "repository"),
          "deployment", List.of("deployment", "deploymentId", "deploymentName"),
          "location", List.of("location", "locationId", "storageLocation"));

  private Subscription() {}

  public static boolean typeMatches(String pattern, String type) {
    if (pattern.equals("*")) {
      return true;
    }
    if (pattern.endsWith(".*")) {
      return type.startsWith(pattern.substring(0, pattern.length() - 1));
    }
    return pattern.equals(type);
  }

  /** Whether {@code channel} subscribes to an event of this type, severity, subject and data. */
  public static boolean wants(
      Channel channel, String type, Severity severity, String subject, JsonNode data) {
    if (!channel.enabled() || !severity.atLeast(channel.minSeverity())) {
      return false;
    }
    if (channel.events().stream().noneMatch(p -> typeMatches(p, type))) {
      return false;
    }
    for (Map.Entry<String, String> f : channel.filters().entrySet()) {
      if (!filterMatches(f.getKey(), f.getValue(), subject, data)) {
        return false;
      }
    }
    return true;
  }

  private static boolean filterMatches(String key, String value, String subject, JsonNode data) {
    if (value.equals(subject)) {
      return true;
    }
    if (data == null || !data.isObject()) {
      return false;
    }
    for (String field : FIELDS.getOrDefault(key, List.of(key))) {
      JsonNode v = data.get(field);
      if (v != null && v.isValueNode() && value.equals(v.asText())) {
        return true;
      }
    }
    return false;
  }
}
