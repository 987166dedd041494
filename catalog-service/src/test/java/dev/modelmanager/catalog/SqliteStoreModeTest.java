package dev.modelmanager.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.modelmanager.testkit.kafka.KafkaResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code mm.store=sqlite} runs the whole service without Postgres: the datasource points at a
 * closed port, so any use of it would fail.
 */
@QuarkusTest
@TestProfile(SqliteStoreModeTest.SqliteProfile.class)
class SqliteStoreModeTest {

  /** SQLite store, real Kafka, its own catalog repository; Postgres unreachable. */
  public static class SqliteProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      try {
        return Map.of(
            "mm.store", "sqlite",
            "mm.sqlite.path",
                Files.createTempDirectory("mm-sqlite-mode").resolve("catalog.sqlite").toString(),
            "quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:1/none",
            "quarkus.datasource.reactive.url", "postgresql://127.0.0.1:1/none");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public List<TestResourceEntry> testResources() {
      return List.of(
          new TestResourceEntry(KafkaResource.class),
          new TestResourceEntry(CatalogRepoResource.class, Map.of("name", "sqlite-mode")));
    }
  }

  @Test
  void reloadAndReadWorkOnSqlite() {
    CatalogRepoResource.fixture("sqlite-mode")
        .commit("one", Map.of("models/a.yaml", GitCatalogFixture.entry("alpha", "org/alpha")));
    given().post("/api/v1/catalog/reload").then().statusCode(200).body("added", contains("alpha"));
    given()
        .get("/api/v1/catalog/entries")
        .then()
        .statusCode(200)
        .body("items.entry.id", contains("alpha"));
  }

  @Test
  void readinessReportsTheSqliteStore() {
    given()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("checks.name", hasItem("store"))
        .body("checks.find { it.name == 'store' }.data.store", equalTo("sqlite"));
  }

  @Test
  void systemInfoSaysSqlite() {
    given().get("/api/v1/system/info").then().statusCode(200).body("store", equalTo("sqlite"));
  }
}
