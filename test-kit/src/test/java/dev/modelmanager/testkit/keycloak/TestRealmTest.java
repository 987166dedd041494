package dev.modelmanager.testkit.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The test realm is the deploy realm plus the test overlay: the two cannot drift apart. */
class TestRealmTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void testRealmKeepsEverythingTheDeployRealmDefines() throws Exception {
    JsonNode deploy = JSON.readTree(Files.readString(Path.of("../deploy/keycloak/realm.json")));
    JsonNode test = JSON.readTree(KeycloakServer.testRealmJson());

    assertThat(test.path("realm").asText()).isEqualTo(KeycloakServer.REALM);
    assertThat(test.path("roles")).isEqualTo(deploy.path("roles"));
    for (JsonNode client : deploy.path("clients")) {
      JsonNode same = client(test, client.path("clientId").asText());
      assertThat(same.path("protocolMappers")).isEqualTo(client.path("protocolMappers"));
      assertThat(same.path("publicClient")).isEqualTo(client.path("publicClient"));
    }
    // Only the redirect URIs of the UI client change: tests run on random ports.
    assertThat(client(test, KeycloakServer.UI_CLIENT).path("redirectUris").get(0).asText())
        .isEqualTo("*");
    assertThat(
            client(test, KeycloakServer.UI_CLIENT)
                .path("attributes")
                .path("pkce.code.challenge.method")
                .asText())
        .isEqualTo("S256");
  }

  @Test
  void testRealmHasAUserPerRoleAGroupAndTheTestClients() throws Exception {
    JsonNode test = JSON.readTree(KeycloakServer.testRealmJson());
    List<String> users = new ArrayList<>();
    test.path("users").forEach(u -> users.add(u.path("username").asText()));
    assertThat(users).contains("viewer", "operator", "admin", "grouped", "nobody");
    assertThat(test.path("groups").get(0).path("name").asText()).isEqualTo("ml-operators");
    assertThat(client(test, KeycloakServer.CI_CLIENT).path("serviceAccountsEnabled").asBoolean())
        .isTrue();
    assertThat(
            client(test, KeycloakServer.SHORT_CLIENT)
                .path("attributes")
                .path("access.token.lifespan")
                .asText())
        .isEqualTo("1");
    JsonNode other = JSON.readTree(KeycloakServer.otherRealmJson());
    assertThat(other.path("realm").asText()).isEqualTo(KeycloakServer.OTHER_REALM);
    assertThat(client(other, KeycloakServer.CI_CLIENT).isMissingNode()).isFalse();
  }

  private static JsonNode client(JsonNode realm, String clientId) {
    for (JsonNode c : realm.path("clients")) {
      if (c.path("clientId").asText().equals(clientId)) {
        return c;
      }
    }
    return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
  }
}
