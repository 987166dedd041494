package dev.modelmanager.gateway;

import static dev.modelmanager.gateway.TestAuth.asAdmin;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.modelmanager.testkit.kafka.KafkaResource;
import dev.modelmanager.testkit.postgres.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The gateway's system endpoints: info with every service's status, and the changelog. */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = FakeServicesResource.class, restrictToAnnotatedClass = true)
class SystemEndpointsTest {

  @Test
  void systemInfoShowsRunningServicesUpWithTheirInfo() {
    asAdmin()
        .get("/api/v1/system/info")
        .then()
        .statusCode(200)
        .body("name", equalTo("gateway"))
        .body("components.'catalog-service'.status", equalTo("UP"))
        .body("components.'catalog-service'.info.name", equalTo("catalog-service"))
        .body("components.'catalog-service'.error", nullValue())
        .body("components.'discovery-service'.status", equalTo("UP"))
        .body("components.'weights-service'.status", equalTo("UP"))
        .body("components.'weights-service'.url", startsWith("http://127.0.0.1:"));
  }

  @Test
  void systemInfoShowsAStoppedServiceDownWithTheReason() {
    asAdmin()
        .get("/api/v1/system/info")
        .then()
        .statusCode(200)
        .body("components.'deploy-service'.status", equalTo("DOWN"))
        .body("components.'deploy-service'.error", containsString("not reachable"))
        .body("components.'deploy-service'.info", nullValue());
  }

  @Test
  void systemInfoRedactsSecretsEvenWhenAServiceLeaksThem() {
    asAdmin()
        .get("/api/v1/system/info")
        .then()
        .body("components.'catalog-service'.info.config.'mm.careless.token'", equalTo("***"))
        .body(not(containsString(FakeServicesResource.LEAKED_SECRET)));
  }

  @Test
  void changelogListsTheReleasesWithTheirSections() {
    asAdmin()
        .get("/api/v1/system/changelog")
        .then()
        .statusCode(200)
        .contentType("application/json")
        .body("version", hasItem("Unreleased"))
        .body("find { it.version == '0.1.0' }.date", notNullValue())
        .body(
            "find { it.version == '0.1.0' }.sections.Added.size()",
            org.hamcrest.Matchers.greaterThan(0));
  }
}
