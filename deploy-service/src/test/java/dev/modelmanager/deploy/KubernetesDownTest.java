package dev.modelmanager.deploy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.modelmanager.testkit.kafka.KafkaResource;
import dev.modelmanager.testkit.postgres.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A configured cluster whose API server does not answer: 503 problem, nothing recorded. */
@QuarkusTest
@TestProfile(KubernetesDownTest.Unreachable.class)
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = PeerServicesResource.class, restrictToAnnotatedClass = true)
class KubernetesDownTest {

  /** Port 9 (discard) on loopback: nothing listens there. */
  public static class Unreachable implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "mm.deploy.kubernetes.enabled", "true",
          "quarkus.kubernetes-client.api-server-url", "http://127.0.0.1:9",
          "quarkus.kubernetes-client.connection-timeout", "PT1S",
          "quarkus.kubernetes-client.request-timeout", "PT1S",
          "quarkus.kubernetes-client.request-retry-backoff-limit", "0");
    }
  }

  @Test
  void activateAnswers503AndLeavesNoRevision() {
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("entry", "qwen-small"))
        .post("/api/v1/deployments/chat-down/activate")
        .then()
        .statusCode(503)
        .contentType("application/problem+json")
        .body("detail", containsString("could not be reached"));
    given()
        .get("/api/v1/deployments/chat-down/revisions")
        .then()
        .statusCode(200)
        .body("items.size()", equalTo(0));
  }
}
