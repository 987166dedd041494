package dev.modelmanager.gateway.security;

import dev.modelmanager.model.security.Caller;
import dev.modelmanager.model.security.Role;
import dev.modelmanager.model.security.Scopes;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.TenantIdentityProvider;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jose4j.jwt.consumer.InvalidJwtException;

/**
 * Verifies OIDC bearer tokens with quarkus-oidc's default tenant ({@code quarkus.oidc.*}, fed by
 * {@code MM_OIDC_AUTH_SERVER_URL}, {@code MM_OIDC_CLIENT_ID} and {@code MM_OIDC_AUDIENCE}):
 * signature against the provider's keys, issuer, audience, expiry; {@code alg: none} is refused.
 * quarkus-oidc's own HTTP mechanism never runs on the gateway's routes (authentication is not
 * proactive and no route asks for it); the gateway's authentication filter calls this bean.
 *
 * <p>Roles: the values at {@code mm.auth.role-claim-path} (default {@code realm_access/roles};
 * several paths may be listed, e.g. {@code realm_access/roles,groups}) are mapped by {@code
 * mm.auth.role-mapping."<claim value>"=viewer|operator|admin}; without any mapping the values
 * {@code viewer}, {@code operator} and {@code admin} stand for themselves. The highest mapped role
 * wins. A valid token with no mapped role is refused like a bad one (401 "no Model Manager role"):
 * a {@link Caller} always has a role, and the token proves nothing the gateway can use.
 */
@ApplicationScoped
public class OidcBearerAuthenticator implements OidcAuthenticator {
  private static final Logger LOG = Logger.getLogger(OidcBearerAuthenticator.class);

  private final TenantIdentityProvider identityProvider;
  private final boolean enabled;
  private final List<String> claimPaths;
  private final Map<String, Role> mapping;

  @Inject
  OidcBearerAuthenticator(
      TenantIdentityProvider identityProvider,
      @ConfigProperty(name = "quarkus.oidc.auth-server-url") Optional<String> authServerUrl,
      @ConfigProperty(name = "quarkus.oidc.tenant-enabled", defaultValue = "true")
          boolean tenantEnabled,
      OidcRoleConfig roles) {
    this.identityProvider = identityProvider;
    this.enabled = tenantEnabled && authServerUrl.filter(u -> !u.isBlank()).isPresent();
    this.claimPaths =
        roles.roleClaimPath().stream().map(String::trim).filter(p -> !p.isEmpty()).toList();
    this.mapping = roleMapping(roles.roleMapping());
  }

  /** {@code mm.auth.role-mapping.*}, or each role's own name when nothing is configured. */
  static Map<String, Role> roleMapping(Map<String, String> configured) {
    Map<String, Role> mapping = new LinkedHashMap<>();
    configured.forEach(
        (claimValue, roleId) ->
            mapping.put(
                claimValue,
                Role.of(roleId)
                    .orElseThrow(
                        () ->
                            new IllegalArgumentException(
                                "mm.auth.role-mapping."
                                    + claimValue
                                    + "="
                                    + roleId
                                    + ": the role must be viewer, operator or admin"))));
    if (mapping.isEmpty()) {
      for (Role role : Role.values()) {
        mapping.put(role.id(), role);
      }
    }
    return Map.copyOf(mapping);
  }

  @Override
  public boolean enabled() {
    return enabled;
  }

  @Override
  public Uni<Caller> authenticate(String bearerToken) {
    if (!enabled) {
      return Uni.createFrom()
          .failure(new AuthenticationFailedException("OIDC is not configured on this gateway"));
    }
    if (bearerToken == null || bearerToken.split("\\.", -1).length != 3) {
      return Uni.createFrom()
          .failure(new AuthenticationFailedException("the bearer token is not a JWT"));
    }
    return identityProvider
        .authenticate(new AccessTokenCredential(bearerToken))
        .onFailure()
        .transform(OidcBearerAuthenticator::refusal)
        .map(
            identity ->
                caller(
                    identity.getCredential(AccessTokenCredential.class).getToken(),
                    Caller.AuthMethod.OIDC));
  }

  private static AuthenticationFailedException refusal(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof InvalidJwtException invalid && invalid.hasExpired()) {
        return new AuthenticationFailedException("the OIDC token has expired");
      }
    }
    LOG.debugf("OIDC token refused: %s", failure.toString());
    return new AuthenticationFailedException("the OIDC token is not valid");
  }

  /**
   * The caller an access token that quarkus-oidc has already verified stands for (the browser
   * session's tenant uses it too).
   */
  public Caller caller(String verifiedAccessToken, Caller.AuthMethod method) {
    JsonObject claims = payload(verifiedAccessToken);
    String subject = claims.getString("sub");
    if (subject == null || subject.isBlank()) {
      throw new AuthenticationFailedException("the OIDC token has no subject");
    }
    Role role =
        roleOf(claims)
            .orElseThrow(
                () -> new AuthenticationFailedException("the token carries no Model Manager role"));
    String name =
        Optional.ofNullable(claims.getString("preferred_username"))
            .or(() -> Optional.ofNullable(claims.getString("name")))
            .orElse(subject);
    return new Caller(subject, name, role, Set.of(Scopes.ALL), method, null);
  }

  /** The highest role that any value at the claim paths maps to. */
  Optional<Role> roleOf(JsonObject claims) {
    Role best = null;
    for (String path : claimPaths) {
      for (String value : values(claims, path)) {
        Role role = mapping.get(value);
        if (role != null && (best == null || role.atLeast(best))) {
          best = role;
        }
      }
    }
    return Optional.ofNullable(best);
  }

  /** The string values at {@code a/b/c}: a string, an array of strings, or space-separated. */
  static List<String> values(JsonObject claims, String path) {
    Object node = claims;
    for (String step : path.split("/")) {
      if (!(node instanceof JsonObject object)) {
        return List.of();
      }
      node = object.getValue(step);
    }
    List<String> values = new ArrayList<>();
    if (node instanceof JsonArray array) {
      for (Object v : array) {
        if (v instanceof String s) {
          values.add(s);
        }
      }
    } else if (node instanceof String s) {
      values.addAll(List.of(s.trim().split("\\s+")));
    } else if (node instanceof Collection<?> list) {
      list.forEach(v -> values.add(String.valueOf(v)));
    }
    return values;
  }

  private static JsonObject payload(String jwt) {
    String[] parts = jwt.split("\\.");
    return new JsonObject(
        new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
  }
}
