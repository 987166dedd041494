package dev.modelmanager.gateway;

import static dev.modelmanager.gateway.TestAuth.asAdmin;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import dev.modelmanager.testkit.kafka.KafkaResource;
import dev.modelmanager.testkit.postgres.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** One OpenAPI document for the whole API, and Swagger UI on it. */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = FakeServicesResource.class, restrictToAnnotatedClass = true)
class OpenApiAndDocsTest {

  @Test
  void theMergedDocumentHasThePathsOfEveryRunningServiceAndTheGateway() {
    asAdmin()
        .get("/openapi.json")
        .then()
        .statusCode(200)
        .contentType("application/json")
        .body("info.title", equalTo("Model Manager API"))
        .body("servers[0].url", equalTo("/"))
        .body("paths", hasKey("/api/v1/system/info"))
        .body("paths", hasKey("/api/v1/system/changelog"))
        .body("paths", hasKey("/api/v1/events"))
        .body("paths", hasKey("/api/v1/activity"))
        .body("paths", hasKey("/api/v1/activity/export"))
        .body("paths", hasKey("/api/v1/me/preferences"))
        .body("paths", hasKey("/api/v1/models/things"))
        .body("paths", hasKey("/api/v1/weights/things"))
        .body("paths", hasKey("/api/v1/catalog/things"))
        .body("tags.name", hasItems("system", "discovery", "weights", "catalog"));
  }

  @Test
  void theGatewaysOwnSystemInfoWinsOverTheServicesCopies() {
    asAdmin()
        .get("/openapi.json")
        .then()
        .body(
            "paths.'/api/v1/system/info'.get.summary",
            equalTo("Identity, uptime and effective configuration of this component"));
  }

  @Test
  void identicalSchemasAreKeptOnceAndConflictingOnesArePrefixed() {
    asAdmin()
        .get("/openapi.json")
        .then()
        .body("components.schemas", hasKey("Problem"))
        .body("components.schemas", hasKey("Shared"))
        .body("components.schemas", not(hasKey("catalog-service.Shared")))
        .body("components.schemas", not(hasKey("discovery-service.Shared")))
        .body("components.schemas.Thing.description", equalTo("a catalog thing"))
        .body(
            "components.schemas.'discovery-service.Thing'.description",
            equalTo("a discovery thing"))
        .body(
            "paths.'/api/v1/models/things'.get.responses.'200'.content.'application/json'.schema.'$ref'",
            equalTo("#/components/schemas/discovery-service.Thing"));
  }

  @Test
  void aStoppedServiceIsListedAsUnavailableInsteadOfFailingTheDocument() {
    asAdmin()
        .get("/openapi.json")
        .then()
        .statusCode(200)
        .body("x-unavailable", hasItem(FakeServicesResource.STOPPED))
        .body("x-unavailable", not(hasItem("catalog-service")));
  }

  @Test
  void swaggerUiAtDocsReadsTheMergedDocument() {
    asAdmin()
        .get("/docs/")
        .then()
        .statusCode(200)
        .contentType(containsString("text/html"))
        .body(containsString("/openapi.json"));
    asAdmin().redirects().follow(true).get("/docs").then().statusCode(200).body(notNullValue());
  }
}
