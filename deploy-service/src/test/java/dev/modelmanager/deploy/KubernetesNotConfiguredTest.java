package dev.modelmanager.deploy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.modelmanager.testkit.kafka.KafkaResource;
import dev.modelmanager.testkit.postgres.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The local run without a cluster: actions answer 503, preview and history still work. */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = PeerServicesResource.class, restrictToAnnotatedClass = true)
class KubernetesNotConfiguredTest {

  @Test
  void actionsAnswerAProblemSayingKubernetesIsNotConfigured() {
    for (String action : new String[] {"activate", "dry-run"}) {
      given()
          .contentType(ContentType.JSON)
          .body(Map.of("entry", "qwen-small"))
          .post("/api/v1/deployments/chat/" + action)
          .then()
          .statusCode(503)
          .contentType("application/problem+json")
          .body("detail", containsString("Kubernetes is not configured"));
    }
    given()
        .contentType(ContentType.JSON)
        .body(Map.of())
        .post("/api/v1/deployments/chat/rollback")
        .then()
        .statusCode(503);
  }

  @Test
  void previewRendersYamlOrJsonWithoutACluster() {
    given()
        .accept("application/yaml")
        .get("/api/v1/deployments/chat/manifest?entry=qwen-small")
        .then()
        .statusCode(200)
        .body(containsString("kind: InferenceService"))
        .body(containsString("deploymentStrategy:"));
    given()
        .accept(ContentType.JSON)
        .get("/api/v1/deployments/chat/manifest?entry=qwen-small")
        .then()
        .statusCode(200)
        .body("spec.predictor.deploymentStrategy.type", equalTo("Recreate"))
        .body("metadata.labels.'modelmanager.dev/revision'", equalTo("1"));
  }

  @Test
  void historyWorksAndUnknownThingsAreClear4xx() {
    given().get("/api/v1/deployments").then().statusCode(200).body("items.size()", equalTo(0));
    given().get("/api/v1/deployments/chat/revisions").then().statusCode(200);
    given().get("/api/v1/deployments/chat").then().statusCode(404);
    given().get("/api/v1/deployments/chat/manifest?entry=no-such-entry").then().statusCode(404);
    given().get("/api/v1/deployments/Not_A_Name/revisions").then().statusCode(400);
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("entry", "BAD ID"))
        .post("/api/v1/deployments/chat/activate")
        .then()
        .statusCode(400)
        .body("errors.size()", equalTo(1));
  }
}
