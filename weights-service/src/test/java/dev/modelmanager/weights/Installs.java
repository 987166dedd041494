package dev.modelmanager.weights;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.Set;

/** REST helpers of the install API. */
public final class Installs {
  private Installs() {}

  /** Posts an install and answers its id (expects 202). */
  public static String start(String body) {
    return given()
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/v1/weights/installs")
        .then()
        .statusCode(202)
        .extract()
        .path("id");
  }

  public static JsonPath get(String id) {
    return given()
        .get("/api/v1/weights/installs/" + id)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  public static String state(String id) {
    return get(id).getString("state");
  }

  /** Waits until the job is in one of {@code states}; answers the job. */
  public static JsonPath awaitState(String id, Duration atMost, String... states) {
    Set<String> wanted = Set.of(states);
    await()
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> wanted.contains(state(id)));
    return get(id);
  }

  /** Waits until the job has at least {@code bytes} done. */
  public static void awaitBytes(String id, long bytes, Duration atMost) {
    await()
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(50))
        .until(() -> get(id).getLong("progress.bytesDone") >= bytes);
  }
}
