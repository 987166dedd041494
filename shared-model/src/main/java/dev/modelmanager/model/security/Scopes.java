package dev.modelmanager.model.security;

import java.util.List;
import java.util.Set;

/**
 * The scopes an API token can carry. A route needs one scope (see the gateway's access rules); a
 * token holding {@link #ALL} has every scope. An OIDC caller has every scope: its power is its
 * role.
 */
public final class Scopes {
  public static final String DISCOVERY_READ = "discovery:read";
  public static final String DISCOVERY_WRITE = "discovery:write";
  public static final String WEIGHTS_READ = "weights:read";
  public static final String WEIGHTS_WRITE = "weights:write";
  public static final String CATALOG_READ = "catalog:read";
  public static final String CATALOG_WRITE = "catalog:write";
  public static final String DEPLOY_READ = "deploy:read";
  public static final String DEPLOY_WRITE = "deploy:write";
  public static final String EVENTS_READ = "events:read";
  public static final String AUDIT_READ = "audit:read";
  public static final String TOKENS = "tokens";
  public static final String ADMIN = "admin";
  public static final String ALL = "*";

  /** Every scope a token may be given, {@link #ALL} included. */
  public static final List<String> KNOWN =
      List.of(
          DISCOVERY_READ,
          DISCOVERY_WRITE,
          WEIGHTS_READ,
          WEIGHTS_WRITE,
          CATALOG_READ,
          CATALOG_WRITE,
          DEPLOY_READ,
          DEPLOY_WRITE,
          EVENTS_READ,
          AUDIT_READ,
          TOKENS,
          ADMIN,
          ALL);

  private Scopes() {}

  /** Whether a holder of {@code held} may use a route that needs {@code required}. */
  public static boolean grants(Set<String> held, String required) {
    return held.contains(ALL) || held.contains(required);
  }
}
