package dev.modelmanager.systemtests.deploy;

import static dev.modelmanager.systemtests.deploy.Rendered.SERVICES;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every setting that deploy/ and docker-compose.yml give a service is one the code reads: a
 * misspelt variable would be silently ignored and the service would run on its default.
 */
class ServiceSettingsTest {

  /** Only for $(VAR) expansion in the Deployments' datasource URLs; no service reads them. */
  private static final Set<String> EXPANSION_ONLY =
      Set.of("MM_POSTGRES_HOST", "MM_POSTGRES_PORT", "MM_POSTGRES_DATABASE");

  @ParameterizedTest
  @ValueSource(strings = {"dev", "production"})
  void kubernetesSetsOnlySettingsTheServicesRead(String overlay) throws IOException {
    List<ObjectNode> objects = Kustomize.render(overlay);
    Set<String> set = new TreeSet<>();
    for (String service : SERVICES) {
      JsonNode container =
          Rendered.get(objects, "Deployment", service).at("/spec/template/spec/containers/0");
      container.path("env").forEach(e -> set.add(e.path("name").asText()));
      for (JsonNode from : container.path("envFrom")) {
        String configMap = from.at("/configMapRef/name").asText();
        Rendered.get(objects, "ConfigMap", configMap)
            .path("data")
            .fieldNames()
            .forEachRemaining(set::add);
      }
    }
    set.removeAll(EXPANSION_ONLY);

    assertThat(unknown(set)).isEmpty();
  }

  @Test
  void dockerComposeSetsOnlySettingsTheServicesRead() throws IOException {
    JsonNode services = ComposeFile.services();
    Set<String> set = new TreeSet<>();
    for (String service : SERVICES) {
      services.at("/" + service + "/environment").fieldNames().forEachRemaining(set::add);
    }

    assertThat(unknown(set)).isEmpty();
  }

  @Test
  void readsTheSettingsOfConfigMappingsAndPropertiesFiles() throws IOException {
    assertThat(ServiceSettings.environmentNames())
        .contains(
            "MM_CATALOG_CHECKOUT_DIR", // a @ConfigMapping member with a default only
            "MM_WEIGHTS_LOCATIONS_0__PVC_NAME", // a member of a nested list group
            "MM_GATEWAY_SERVICES_DEPLOY_SERVICE_URL", // application.properties
            "KAFKA_BOOTSTRAP_SERVERS", // service-kit's microprofile-config.properties
            "HF_TOKEN", // System.getenv
            "MM_WEIGHTS_PATH") // ${MM_WEIGHTS_PATH:...}
        .doesNotContain("MM_CATALOG_CHECKOUTDIR");
  }

  /**
   * The names the code does not read. Quarkus's own settings (QUARKUS_*) are left to Quarkus, which
   * warns about unknown ones at start.
   */
  private static Set<String> unknown(Set<String> names) throws IOException {
    Set<String> known = ServiceSettings.environmentNames();
    Set<String> unknown = new TreeSet<>();
    for (String name : names) {
      if (!name.startsWith("QUARKUS_") && !known.contains(name)) {
        unknown.add(name);
      }
    }
    return unknown;
  }
}
