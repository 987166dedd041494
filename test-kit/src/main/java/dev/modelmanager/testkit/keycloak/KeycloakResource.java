package dev.modelmanager.testkit.keycloak;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Quarkus test resource: the JVM's shared {@link KeycloakServer}, and the gateway's OIDC settings
 * pointing at its {@value KeycloakServer#REALM} realm: issuer, client id and audience, role claims
 * {@code realm_access/roles} and {@code groups}, the three realm roles mapped to themselves and the
 * group {@code ml-operators} to operator, and the browser session's {@code web} tenant with the
 * public client {@value KeycloakServer#UI_CLIENT}.
 */
public class KeycloakResource implements QuarkusTestResourceLifecycleManager {

  @Override
  public Map<String, String> start() {
    KeycloakServer server = KeycloakServer.shared();
    return Map.ofEntries(
        Map.entry("quarkus.oidc.auth-server-url", server.issuer()),
        Map.entry("quarkus.oidc.client-id", KeycloakServer.AUDIENCE),
        Map.entry("quarkus.oidc.token.audience", KeycloakServer.AUDIENCE),
        // The browser session's tenant, with the realm's public PKCE client.
        Map.entry("quarkus.oidc.web.tenant-enabled", "true"),
        Map.entry("quarkus.oidc.web.auth-server-url", server.issuer()),
        Map.entry("quarkus.oidc.web.client-id", KeycloakServer.UI_CLIENT),
        // Realm roles and the group ml-operators (groups claim) both count.
        Map.entry("mm.auth.role-claim-path", "realm_access/roles,groups"),
        Map.entry("mm.auth.role-mapping.viewer", "viewer"),
        Map.entry("mm.auth.role-mapping.operator", "operator"),
        Map.entry("mm.auth.role-mapping.admin", "admin"),
        Map.entry("mm.auth.role-mapping.\"ml-operators\"", "operator"));
  }

  @Override
  public void stop() {
    // Kept for the next test class in this JVM; the shutdown hook ends it.
  }
}
