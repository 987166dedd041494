package dev.modelmanager.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelmanager.model.security.Role;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Claim paths and the role mapping, without an IdP. */
class OidcRoleMappingTest {

  private static OidcBearerAuthenticator authenticator(
      List<String> paths, Map<String, String> mapping) {
    return new OidcBearerAuthenticator(
        null,
        Optional.of("https://idp.example/realms/x"),
        true,
        new OidcRoleConfig() {
          @Override
          public List<String> roleClaimPath() {
            return paths;
          }

          @Override
          public Map<String, String> roleMapping() {
            return mapping;
          }
        });
  }

  @Test
  void withoutAMappingTheRoleNamesStandForThemselvesAndTheHighestWins() {
    var authenticator = authenticator(List.of("realm_access/roles"), Map.of());
    JsonObject claims =
        new JsonObject(
            "{\"realm_access\":{\"roles\":[\"offline_access\",\"viewer\",\"operator\"]}}");
    assertThat(authenticator.roleOf(claims)).contains(Role.OPERATOR);
  }

  @Test
  void configuredMappingReplacesTheDefaultsAndReadsEveryPath() {
    var authenticator =
        authenticator(
            List.of("realm_access/roles", "groups"),
            Map.of("ml-admins", "admin", "ml-viewers", "viewer"));
    assertThat(
            authenticator.roleOf(
                new JsonObject(
                    "{\"realm_access\":{\"roles\":[\"admin\"]},\"groups\":[\"ml-viewers\"]}")))
        .as("admin is not a mapped value any more")
        .contains(Role.VIEWER);
    assertThat(authenticator.roleOf(new JsonObject("{\"groups\":[\"ml-viewers\",\"ml-admins\"]}")))
        .contains(Role.ADMIN);
    assertThat(authenticator.roleOf(new JsonObject("{\"groups\":[\"other\"]}"))).isEmpty();
  }

  @Test
  void claimsMayBeStringsOrSpaceSeparated() {
    assertThat(OidcBearerAuthenticator.values(new JsonObject("{\"scp\":\"a b  c\"}"), "scp"))
        .containsExactly("a", "b", "c");
    assertThat(OidcBearerAuthenticator.values(new JsonObject("{\"a\":{\"b\":1}}"), "a/b/c"))
        .isEmpty();
    assertThat(OidcBearerAuthenticator.values(new JsonObject("{}"), "realm_access/roles"))
        .isEmpty();
  }

  @Test
  void aMappingToAnUnknownRoleIsAConfigurationError() {
    assertThatThrownBy(() -> authenticator(List.of("groups"), Map.of("x", "superuser")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("viewer, operator or admin");
  }

  @Test
  void withoutAnIssuerItIsDisabledAndRefusesEverything() {
    var disabled =
        new OidcBearerAuthenticator(
            null,
            Optional.empty(),
            true,
            new OidcRoleConfig() {
              @Override
              public List<String> roleClaimPath() {
                return List.of("realm_access/roles");
              }

              @Override
              public Map<String, String> roleMapping() {
                return Map.of();
              }
            });
    assertThat(disabled.enabled()).isFalse();
    assertThatThrownBy(() -> disabled.authenticate("a.b.c").await().indefinitely())
        .isInstanceOf(AuthenticationFailedException.class)
        .hasMessageContaining("not configured");
  }
}
