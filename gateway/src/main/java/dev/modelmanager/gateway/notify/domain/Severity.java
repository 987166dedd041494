package dev.modelmanager.gateway.notify.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/** How much an event matters; channels subscribe to a minimum. Ordered from least to most. */
public enum Severity {
  INFO,
  WARNING,
  ERROR,
  CRITICAL;

  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static Severity parse(String text) {
    return text == null ? null : valueOf(text.trim().toUpperCase(Locale.ROOT));
  }

  public boolean atLeast(Severity other) {
    return compareTo(other) >= 0;
  }

  /**
   * The severity of an event: its {@code data.severity} when it carries one (the weights-service's
   * storage threshold events do), else by type: failures are errors, a deployment's health turning
   * FAILED is an error, thresholds and validation failures are warnings, the rest is info.
   */
  public static Severity of(String type, JsonNode data) {
    if (data != null && data.hasNonNull("severity")) {
      try {
        return parse(data.get("severity").asText());
      } catch (IllegalArgumentException ignored) {
        // an unknown word: fall back to the type
      }
    }
    String t = type == null ? "" : type;
    if (t.endsWith(".validation.failed") || t.endsWith(".threshold")) {
      return Severity.WARNING;
    }
    if (t.endsWith(".failed")) {
      return Severity.ERROR;
    }
    if (t.endsWith(".health-changed") && data != null) {
      String state = data.path("state").asText(data.path("health").asText(""));
      if ("FAILED".equalsIgnoreCase(state)) {
        return Severity.ERROR;
      }
    }
    return Severity.INFO;
  }
}
