package dev.modelmanager.gateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.modelmanager.gateway.domain.ApiToken;
import java.time.Instant;
import java.util.List;

/**
 * An API token as callers see it: never its hash; the plaintext ({@code token}) only in the answer
 * that created or rotated it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TokenView(
    String id,
    String name,
    String prefix,
    String owner,
    String role,
    List<String> scopes,
    String createdBy,
    Instant createdAt,
    Instant expiresAt,
    Instant lastUsedAt,
    Instant revokedAt,
    String token) {

  static TokenView of(ApiToken t) {
    return of(t, null);
  }

  static TokenView of(ApiToken t, String plaintext) {
    return new TokenView(
        t.id(),
        t.name(),
        t.prefix(),
        t.ownerSubject(),
        t.role().id(),
        t.scopes().stream().sorted().toList(),
        t.createdBy(),
        t.createdAt(),
        t.expiresAt(),
        t.lastUsedAt(),
        t.revokedAt(),
        plaintext);
  }
}
