package dev.modelmanager.discovery.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

/**
 * Parameters are counted over the files vLLM loads (service-kit's WeightFileSelection): Mistral's
 * {@code consolidated.safetensors} copy of the same weights is not counted a second time.
 */
@QuarkusTest
@TestProfile(CatalogAndRealReposProfile.class)
class DuplicateCheckpointTest {

  @Test
  void mistralIsCountedOnceAndFitsOneL4() {
    given()
        .get("/api/v1/models/" + RealRepoHubResource.MISTRAL + "/details")
        .then()
        .statusCode(200)
        .body("files", hasItem("consolidated.safetensors"))
        // 7,248,023,552 parameters in BF16: 14,496,047,104 bytes (13.50 GiB), not 27.0 GiB
        .body("parameters.total", equalTo(7_248_023_552L))
        .body("parameters.exact", equalTo(true))
        .body("weightsBytes", equalTo(14_496_047_104L))
        .body("fit.find { it.gpu.startsWith('L4') }.fits", equalTo(true))
        .body("fit.find { it.gpu.startsWith('L4') }.tensorParallelSize", equalTo(1));
  }
}
