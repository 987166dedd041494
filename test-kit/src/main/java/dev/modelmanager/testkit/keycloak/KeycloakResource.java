package dev.modelmanager.testkit.keycloak;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Quarkus test resource: the JVM's shared {@link KeycloakServer}, and the gateway's OIDC settings
 * pointing at its {@value KeycloakServer#REALM} realm: issuer, client id and audience, role claims
 * {@code realm_access/roles} and {@code groups}, the three realm roles mapped to themselves and the
 * group {@code ml-operators} to operator.
 */
public class KeycloakResource implements QuarkusTestResourceLifecycleManager {

  @Override
  public Map<String, String> start() {
    KeycloakServer server = KeycloakServer.shared();
    return Map.of(
        "mm.test.keycloak.url", server.url(),
        "quarkus.oidc.auth-server-url", server.issuer(),
        "quarkus.oidc.client-id", KeycloakServer.AUDIENCE,
        "quarkus.oidc.token.audience", KeycloakServer.AUDIENCE,
        // Realm roles and the group ml-operators (groups claim) both count.
        "mm.auth.role-claim-path", "realm_access/roles,groups",
        "mm.auth.role-mapping.viewer", "viewer",
        "mm.auth.role-mapping.operator", "operator",
        "mm.auth.role-mapping.admin", "admin",
        "mm.auth.role-mapping.\"ml-operators\"", "operator");
  }

  @Override
  public void stop() {
    // Kept for the next test class in this JVM; the shutdown hook ends it.
  }
}
