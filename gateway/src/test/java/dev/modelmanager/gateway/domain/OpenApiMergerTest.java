package dev.modelmanager.gateway.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenApiMergerTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode doc(String json) throws Exception {
    return JSON.readTree(json.replace('\'', '"'));
  }

  private static final String GATEWAY =
      "{'openapi':'3.1.0','info':{'title':'gw','version':'1.2.3'},"
          + "'paths':{'/api/v1/system/info':{'get':{'summary':'gateway info'}}},"
          + "'components':{'schemas':{'Problem':{'type':'object'}}},"
          + "'tags':[{'name':'system','description':'gateway'}]}";

  private static final String CATALOG =
      "{'openapi':'3.1.0','info':{'title':'catalog','version':'0.1.0'},"
          + "'paths':{'/api/v1/system/info':{'get':{'summary':'catalog info'}},"
          + "'/api/v1/catalog/entries':{'get':{'responses':{'200':{'content':{'application/json':"
          + "{'schema':{'$ref':'#/components/schemas/Entry'}}}},"
          + "'400':{'content':{'application/json':{'schema':{'$ref':'#/components/schemas/Problem'}}}}}}}},"
          + "'components':{'schemas':{'Problem':{'type':'object'},"
          + "'Entry':{'type':'object','properties':{'id':{'type':'string'}}}}},"
          + "'tags':[{'name':'system','description':'catalog'},{'name':'catalog'}]}";

  private static final String WEIGHTS =
      "{'openapi':'3.1.0','paths':{'/api/v1/weights/installs':{'get':{'responses':{'200':"
          + "{'content':{'application/json':{'schema':{'$ref':'#/components/schemas/Entry'}}}}}}}},"
          + "'components':{'schemas':{'Entry':{'type':'string'}}}}";

  private ObjectNode merged(List<String> unavailable) throws Exception {
    return OpenApiMerger.merge(
        List.of(
            new OpenApiMerger.Source("gateway", doc(GATEWAY), p -> true),
            new OpenApiMerger.Source(
                "catalog-service", doc(CATALOG), p -> p.startsWith("/api/v1/catalog")),
            new OpenApiMerger.Source(
                "weights-service", doc(WEIGHTS), p -> p.startsWith("/api/v1/weights"))),
        unavailable,
        "1.2.3");
  }

  @Test
  void hasOneTitleOneRootServerAndThePathsOfEveryDocument() throws Exception {
    ObjectNode m = merged(List.of());

    assertThat(m.path("info").path("title").asText()).isEqualTo("Model Manager API");
    assertThat(m.path("info").path("version").asText()).isEqualTo("1.2.3");
    assertThat(m.path("servers").get(0).path("url").asText()).isEqualTo("/");
    assertThat(m.path("openapi").asText()).isEqualTo("3.1.0");
    assertThat(m.path("paths").properties())
        .extracting(java.util.Map.Entry::getKey)
        .containsExactlyInAnyOrder(
            "/api/v1/system/info", "/api/v1/catalog/entries", "/api/v1/weights/installs");
  }

  @Test
  void aPathTheGatewayDoesNotRouteToTheServiceIsLeftOut() throws Exception {
    ObjectNode m = merged(List.of());

    assertThat(m.path("paths").path("/api/v1/system/info").path("get").path("summary").asText())
        .isEqualTo("gateway info");
  }

  @Test
  void identicalComponentsAreKeptOnceAndAClashIsPrefixedWithItsReferences() throws Exception {
    ObjectNode m = merged(List.of());
    JsonNode schemas = m.path("components").path("schemas");

    assertThat(schemas.properties())
        .extracting(java.util.Map.Entry::getKey)
        .containsExactlyInAnyOrder("Problem", "Entry", "weights-service.Entry");
    assertThat(
            m.at(
                    "/paths/~1api~1v1~1weights~1installs/get/responses/200/content/application~1json/schema/$ref")
                .asText())
        .isEqualTo("#/components/schemas/weights-service.Entry");
    assertThat(
            m.at(
                    "/paths/~1api~1v1~1catalog~1entries/get/responses/200/content/application~1json/schema/$ref")
                .asText())
        .isEqualTo("#/components/schemas/Entry");
  }

  @Test
  void tagsAreMergedByNameFirstOneWins() throws Exception {
    ObjectNode m = merged(List.of());

    assertThat(m.path("tags").findValuesAsText("name")).containsExactly("system", "catalog");
    assertThat(m.path("tags").get(0).path("description").asText()).isEqualTo("gateway");
  }

  @Test
  void unavailableServicesAreListed() throws Exception {
    ObjectNode m = merged(List.of("deploy-service"));

    assertThat(m.path(OpenApiMerger.UNAVAILABLE).get(0).asText()).isEqualTo("deploy-service");
  }

  @Test
  void theInputDocumentsAreNotChanged() throws Exception {
    JsonNode weights = doc(WEIGHTS);
    JsonNode before = weights.deepCopy();
    OpenApiMerger.merge(
        List.of(
            new OpenApiMerger.Source("catalog-service", doc(CATALOG), p -> true),
            new OpenApiMerger.Source("weights-service", weights, p -> true)),
        List.of(),
        "x");

    assertThat(weights).isEqualTo(before);
  }
}
