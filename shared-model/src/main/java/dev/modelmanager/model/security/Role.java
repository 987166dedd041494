package dev.modelmanager.model.security;

import java.util.Locale;
import java.util.Optional;

/**
 * Model Manager's roles, weakest first: each role may do everything the roles before it may.
 *
 * <ul>
 *   <li>{@code viewer}: read everything except other people's tokens and channel secrets;
 *   <li>{@code operator}: installs, cancel/retry, pin, catalog pull requests, dry-run, activate and
 *       roll back;
 *   <li>{@code admin}: purge, delete weights, everyone's tokens, notification channels, policy and
 *       settings.
 * </ul>
 */
public enum Role {
  VIEWER,
  OPERATOR,
  ADMIN;

  /** Whether this role may do what {@code required} may. */
  public boolean atLeast(Role required) {
    return compareTo(required) >= 0;
  }

  /** The weaker of two roles. */
  public static Role lesser(Role a, Role b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** The lower-case name used in config, claims and JSON. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The role named {@code id} (case-insensitive), if any. */
  public static Optional<Role> of(String id) {
    if (id == null) {
      return Optional.empty();
    }
    for (Role role : values()) {
      if (role.id().equalsIgnoreCase(id.trim())) {
        return Optional.of(role);
      }
    }
    return Optional.empty();
  }
}
