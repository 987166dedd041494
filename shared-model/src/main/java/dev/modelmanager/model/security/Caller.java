package dev.modelmanager.model.security;

import java.util.Objects;
import java.util.Set;

/**
 * Who is calling, as the gateway authenticated them and as the services read it back from the
 * internal token.
 *
 * @param subject a stable id: the OIDC {@code sub}, or {@code token:<owner>} style ids for API
 *     tokens (the owner's subject)
 * @param name a display name for people (history, commits, audit)
 * @param role the effective role (for a token, the lesser of its owner's role and its own)
 * @param scopes what the credential may touch; {@link Scopes#ALL} for OIDC callers
 * @param method how the caller authenticated
 * @param tokenId the API token's id when {@code method} is {@link AuthMethod#API_TOKEN}, else null
 */
public record Caller(
    String subject, String name, Role role, Set<String> scopes, AuthMethod method, String tokenId) {

  public Caller {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(role, "role");
    scopes = Set.copyOf(scopes);
    Objects.requireNonNull(method, "method");
    name = name == null || name.isBlank() ? subject : name;
  }

  /** Whether this caller may use a route that needs {@code required} and {@code scope}. */
  public boolean may(Role required, String scope) {
    return role.atLeast(required) && (scope == null || Scopes.grants(scopes, scope));
  }

  /** How a caller proved who they are. */
  public enum AuthMethod {
    /** An {@code mm_…} API token. */
    API_TOKEN,
    /** An OIDC bearer token from the organisation's IdP. */
    OIDC,
    /** The UI's browser session (OIDC authorization-code flow). */
    SESSION;

    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
