package dev.modelmanager.discovery.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A model's details carry catalog-service's answer — found, absent (empty list or 404) or
 * unavailable (slow) — and answer 200 whatever catalog-service does. The down case (connection
 * refused) is {@code api.ModelDetailsTest}, whose profile points at a closed port.
 */
@QuarkusTest
@TestProfile(CatalogAndRealReposProfile.class)
class CatalogEntryInDetailsTest {

  @Inject CircuitBreakerMaintenance breakers;

  @BeforeEach
  void closeBreakers() {
    breakers.resetAll();
  }

  @Test
  void anApprovedEntryIsFoundAndTyped() {
    details(FakeCatalogResource.FOUND)
        .body("catalog.status", equalTo("found"))
        .body("catalog.entry.entry.id", equalTo("qwen2-5-0-5b"))
        .body("catalog.entry.entry.hfModelId", equalTo("Qwen/Qwen2.5-0.5B"))
        .body("catalog.entry.entry.vllm.maxModelLen", equalTo(32768))
        .body("catalog.entry.commit", equalTo("0123456789abcdef0123456789abcdef01234567"));
  }

  @Test
  void anEmptyListIsAbsent() {
    details(FakeCatalogResource.ABSENT)
        .body("catalog.status", equalTo("absent"))
        .body("catalog.entry", nullValue());
  }

  @Test
  void aNotFoundAnswerIsAbsentToo() {
    details(FakeCatalogResource.NOT_FOUND).body("catalog.status", equalTo("absent"));
  }

  @Test
  void aCatalogSlowerThanTheTimeoutIsUnavailable() {
    details(FakeCatalogResource.SLOW).body("catalog.status", equalTo("unavailable"));
  }

  private static io.restassured.response.ValidatableResponse details(String repo) {
    return given().get("/api/v1/models/" + repo + "/details").then().statusCode(200);
  }
}
