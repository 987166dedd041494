package dev.modelmanager.gateway.domain;

import dev.modelmanager.model.security.Role;
import java.time.Instant;
import java.util.Set;

/**
 * A stored API token: everything but its plaintext, which exists only in the creation answer.
 *
 * @param id the public id ({@code tok_…}) used in URLs and the audit trail
 * @param prefix the first characters of the plaintext, to tell tokens apart
 * @param hash SHA-256 of the plaintext; never leaves the gateway
 * @param ownerSubject whose token it is: the token acts as this subject
 * @param role the token's role, at most its owner's role at creation
 * @param expiresAt null for a token that does not expire
 * @param revokedAt when it was revoked, or null
 */
public record ApiToken(
    String id,
    String name,
    String prefix,
    String hash,
    String ownerSubject,
    String ownerName,
    Role role,
    Set<String> scopes,
    String createdBy,
    Instant createdAt,
    Instant expiresAt,
    Instant lastUsedAt,
    Instant revokedAt) {

  public ApiToken {
    scopes = Set.copyOf(scopes);
  }

  /** Whether the token may be used at {@code now}. */
  public boolean activeAt(Instant now) {
    return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
  }
}
