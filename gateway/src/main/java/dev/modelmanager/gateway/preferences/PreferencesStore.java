package dev.modelmanager.gateway.preferences;

import io.smallrye.mutiny.Uni;
import java.util.Optional;

/** Preferences by subject; both adapters pass PreferencesStoreContractTest. */
public interface PreferencesStore {

  /** What {@code subject} saved, or empty when they never did. */
  Uni<Optional<UserPreferences>> find(String subject);

  /** Replaces what {@code subject} saved (or saves it the first time). */
  Uni<Void> save(String subject, UserPreferences preferences);
}
