package dev.modelmanager.gateway.preferences;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One person's UI preferences, kept by the gateway so they follow the person across browsers.
 *
 * @param favorites Hugging Face repo ids ({@code org/name}) in the order the person keeps them
 * @param defaultGpuPool the GPU pool the fit views start with, or null
 * @param defaultLocation the storage location the install wizard starts with, or null
 * @param theme {@code light}, {@code dark} or {@code system}
 * @param lastSeenEventAt the {@code receivedAt} of the newest event the person has seen in the
 *     notification drawer (later ones are unread), or null: nothing read yet
 * @param updatedAt when they were last saved, or null for the defaults nobody saved yet
 */
public record UserPreferences(
    List<String> favorites,
    String defaultGpuPool,
    String defaultLocation,
    String theme,
    Instant lastSeenEventAt,
    Instant updatedAt) {
  public static final String SYSTEM_THEME = "system";

  /** What a person who never saved anything gets. */
  public static final UserPreferences DEFAULTS =
      new UserPreferences(List.of(), null, null, SYSTEM_THEME, null, null);

  public UserPreferences {
    // The same model twice is one favorite; the first position wins.
    favorites = favorites == null ? List.of() : favorites.stream().distinct().toList();
    theme = Objects.requireNonNullElse(theme, SYSTEM_THEME);
  }
}
