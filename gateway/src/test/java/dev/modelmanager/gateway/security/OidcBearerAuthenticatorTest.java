package dev.modelmanager.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelmanager.model.security.Caller;
import dev.modelmanager.model.security.Role;
import dev.modelmanager.model.security.Scopes;
import dev.modelmanager.testkit.kafka.KafkaResource;
import dev.modelmanager.testkit.keycloak.KeycloakResource;
import dev.modelmanager.testkit.keycloak.KeycloakServer;
import dev.modelmanager.testkit.postgres.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;
import org.awaitility.Awaitility;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OIDC bearer authenticator against a real Keycloak (test-kit's {@link KeycloakServer}): tokens
 * of each realm role, of a group and of a client map to the right {@link Caller}; every kind of bad
 * token is refused with {@link AuthenticationFailedException}.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KeycloakResource.class, restrictToAnnotatedClass = true)
class OidcBearerAuthenticatorTest {
  private static final Logger LOG = Logger.getLogger(OidcBearerAuthenticatorTest.class);
  private static final Duration WAIT = Duration.ofSeconds(30);

  @Inject OidcAuthenticator authenticator;

  private final KeycloakServer keycloak = KeycloakServer.shared();

  @BeforeAll
  static void reportStartTime() {
    KeycloakServer.startTime().ifPresent(t -> LOG.infof("Keycloak started in %d ms", t.toMillis()));
  }

  private Caller authenticate(String token) {
    return authenticator.authenticate(token).await().atMost(WAIT);
  }

  private void assertRefused(String token, String message) {
    assertThatThrownBy(() -> authenticate(token))
        .isInstanceOf(AuthenticationFailedException.class)
        .hasMessageContaining(message);
  }

  @Test
  void isEnabledWithAnIssuer() {
    assertThat(authenticator.enabled()).isTrue();
  }

  @Test
  void viewerTokenIsAViewerCaller() {
    String token = keycloak.passwordToken("viewer");
    Caller caller = authenticate(token);
    assertThat(caller.role()).isEqualTo(Role.VIEWER);
    assertThat(caller.subject()).isEqualTo(KeycloakServer.unverifiedClaims(token).get("sub"));
    assertThat(caller.name()).isEqualTo("viewer");
    assertThat(caller.scopes()).isEqualTo(Set.of(Scopes.ALL));
    assertThat(caller.method()).isEqualTo(Caller.AuthMethod.OIDC);
    assertThat(caller.tokenId()).isNull();
  }

  @Test
  void operatorTokenIsAnOperatorCaller() {
    Caller caller = authenticate(keycloak.passwordToken("operator"));
    assertThat(caller.role()).isEqualTo(Role.OPERATOR);
    assertThat(caller.name()).isEqualTo("operator");
  }

  @Test
  void adminTokenIsAnAdminCallerTheHighestOfItsRoles() {
    String token = keycloak.passwordToken("admin");
    // The admin realm role is composite: the token lists viewer and operator too.
    assertThat(KeycloakServer.unverifiedClaims(token).get("realm_access").toString())
        .contains("viewer", "operator", "admin");
    assertThat(authenticate(token).role()).isEqualTo(Role.ADMIN);
  }

  @Test
  void groupMappedToOperatorGivesOperator() {
    String token = keycloak.passwordToken("grouped");
    assertThat(KeycloakServer.unverifiedClaims(token)).doesNotContainKey("realm_access");
    Caller caller = authenticate(token);
    assertThat(caller.role()).isEqualTo(Role.OPERATOR);
    assertThat(caller.name()).isEqualTo("grouped");
  }

  @Test
  void clientCredentialsTokenIsItsServiceAccount() {
    String token =
        keycloak.clientCredentialsToken(
            KeycloakServer.REALM, KeycloakServer.CI_CLIENT, KeycloakServer.CI_SECRET);
    Caller caller = authenticate(token);
    assertThat(caller.role()).isEqualTo(Role.OPERATOR);
    assertThat(caller.name()).isEqualTo("service-account-" + KeycloakServer.CI_CLIENT);
    assertThat(caller.method()).isEqualTo(Caller.AuthMethod.OIDC);
  }

  @Test
  void validTokenWithoutAMappedRoleIsRefused() {
    assertRefused(keycloak.passwordToken("nobody"), "no Model Manager role");
  }

  @Test
  void expiredTokenIsRefused() {
    String token =
        keycloak.clientCredentialsToken(
            KeycloakServer.REALM, KeycloakServer.SHORT_CLIENT, KeycloakServer.SHORT_SECRET);
    long exp = ((Number) KeycloakServer.unverifiedClaims(token).get("exp")).longValue();
    Awaitility.await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> System.currentTimeMillis() / 1000 > exp + 1);
    assertRefused(token, "expired");
  }

  @Test
  void tokenFromAnotherIssuerIsRefused() {
    String token =
        keycloak.clientCredentialsToken(
            KeycloakServer.OTHER_REALM, KeycloakServer.CI_CLIENT, KeycloakServer.CI_SECRET);
    // Same client id, audience and role: only the issuer (and its keys) differ.
    assertThat(KeycloakServer.unverifiedClaims(token).get("aud"))
        .isEqualTo(KeycloakServer.AUDIENCE);
    assertRefused(token, "not valid");
  }

  @Test
  void tokenForAnotherAudienceIsRefused() {
    String token =
        keycloak.clientCredentialsToken(
            KeycloakServer.REALM, KeycloakServer.OTHER_APP_CLIENT, KeycloakServer.OTHER_APP_SECRET);
    assertThat(KeycloakServer.unverifiedClaims(token).get("realm_access").toString())
        .contains("admin");
    assertRefused(token, "not valid");
  }

  @Test
  void badSignatureIsRefused() {
    String token = keycloak.passwordToken("admin");
    String[] parts = token.split("\\.");
    byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
    signature[signature.length / 2] ^= 0x01;
    String forged =
        parts[0]
            + "."
            + parts[1]
            + "."
            + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    assertRefused(forged, "not valid");
  }

  @Test
  void tamperedClaimsAreRefused() {
    String[] parts = keycloak.passwordToken("viewer").split("\\.");
    String claims =
        new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
            .replace("\"viewer\"", "\"admin\"");
    String forged = parts[0] + "." + encode(claims) + "." + parts[2];
    assertRefused(forged, "not valid");
  }

  @Test
  void unsignedAlgNoneTokenIsRefused() {
    String[] parts = keycloak.passwordToken("admin").split("\\.");
    String header = encode("{\"alg\":\"none\",\"typ\":\"JWT\"}");
    assertRefused(header + "." + parts[1] + ".", "not valid");
  }

  @Test
  void somethingThatIsNotAJwtIsRefused() {
    assertRefused("not-a-jwt", "not a JWT");
  }

  private static String encode(String json) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
