package dev.modelmanager.weights.domain;

import java.util.Locale;

/** Text filters of the list APIs as SQL LIKE patterns. */
public final class LikePatterns {
  private LikePatterns() {}

  /**
   * {@code text} as a "contains" LIKE pattern in lower case, with {@code !} escaping the wildcards
   * so {@code %} and {@code _} match themselves (use {@code escape '!'}); null when there is no
   * text.
   */
  public static String contains(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    String escaped =
        text.toLowerCase(Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_");
    return "%" + escaped + "%";
  }
}
