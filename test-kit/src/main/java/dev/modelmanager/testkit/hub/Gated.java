package dev.modelmanager.testkit.hub;

import java.util.Locale;

/** The Hub's {@code gated} field: {@code false}, {@code "auto"} or {@code "manual"}. */
public enum Gated {
  NONE,
  AUTO,
  MANUAL;

  /** The JSON value the Hub sends: the boolean false or the lower-case mode name. */
  public Object jsonValue() {
    return this == NONE ? Boolean.FALSE : name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code false}, {@code "auto"}, {@code "manual"} (and {@code true} as manual). */
  public static Gated parse(String value) {
    if (value == null || value.isBlank() || value.equalsIgnoreCase("false")) {
      return NONE;
    }
    if (value.equalsIgnoreCase("true")) {
      return MANUAL;
    }
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
