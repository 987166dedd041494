package dev.modelmanager.systemtests.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml as Debian's docker-compose reads it (`config`, no Docker engine needed), and
 * the Keycloak realm it imports.
 */
class DockerComposeTest {

  @Test
  void dockerComposeAcceptsTheFile() {
    Commands.Result result = ComposeFile.config(ComposeFile.REQUIRED_SETTINGS, "-q");

    assertThat(result.ok()).as(result.output()).isTrue();
  }

  @Test
  void refusesToStartWithoutThePasswordsBeingSet() {
    Commands.Result result =
        ComposeFile.config(Map.of("POSTGRES_PASSWORD", "", "KEYCLOAK_ADMIN_PASSWORD", ""), "-q");

    assertThat(result.ok()).isFalse();
    assertThat(result.output()).contains("POSTGRES_PASSWORD");
  }

  @Test
  void runsTheEnginesAndTheFiveServicesWithTheGatewayOn8080() throws IOException {
    JsonNode services = ComposeFile.services();

    assertThat(services.fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder(
            "postgres",
            "kafka",
            "keycloak",
            "gateway",
            "discovery-service",
            "weights-service",
            "catalog-service",
            "deploy-service");
    assertThat(services.at("/gateway/ports/0").toString()).contains("8080");
    for (String service : Rendered.SERVICES) {
      JsonNode s = services.path(service);
      assertThat(s.path("read_only").asBoolean()).as(service).isTrue();
      assertThat(s.at("/environment/KAFKA_BOOTSTRAP_SERVERS").asText()).isEqualTo("kafka:9092");
      assertThat(s.at("/environment/QUARKUS_DATASOURCE_REACTIVE_URL").asText())
          .startsWith("postgresql://postgres:5432/");
    }
    assertThat(services.at("/kafka/environment/KAFKA_PROCESS_ROLES").asText())
        .isEqualTo("broker,controller");
  }

  @Test
  void keycloakRealmHasTheThreeRolesAndTheGatewayClient() throws IOException {
    JsonNode realm =
        new ObjectMapper().readTree(RepoTree.deploy().resolve("keycloak/realm.json").toFile());

    assertThat(realm.path("realm").asText()).isEqualTo("model-manager");
    assertThat(realm.at("/roles/realm").findValuesAsText("name"))
        .containsExactlyInAnyOrder("viewer", "operator", "admin");
    assertThat(realm.path("clients").findValuesAsText("clientId"))
        .containsAll(List.of("model-manager-gateway", "model-manager-ui"));
    assertThat(realm.path("users").size()).as("no committed users or passwords").isZero();
  }
}
