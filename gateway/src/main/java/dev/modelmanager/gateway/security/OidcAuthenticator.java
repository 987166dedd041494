package dev.modelmanager.gateway.security;

import dev.modelmanager.model.security.Caller;
import io.smallrye.mutiny.Uni;

/**
 * Verifies a bearer token issued by the organisation's OIDC provider and maps its claims to a
 * {@link Caller}. The authentication filter asks it for every bearer credential that is not an
 * {@code mm_} API token; without a bean (or with {@link #enabled()} false) such credentials are
 * refused.
 */
public interface OidcAuthenticator {

  /** Whether an IdP is configured. */
  boolean enabled();

  /**
   * The caller the token stands for; fails with {@link AuthenticationFailedException} when the
   * token is expired, from another issuer or audience, badly signed or unsigned.
   */
  Uni<Caller> authenticate(String bearerToken);
}
