package dev.modelmanager.discovery.gpus;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import dev.modelmanager.discovery.domain.gpu.GpuReport;
import dev.modelmanager.discovery.store.GpuReportStore;
import dev.modelmanager.kit.store.Transactor;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Node agent reports, static pools and a local run's inventory (Kubernetes source off). */
@QuarkusTest
@TestProfile(LocalGpuProfile.class)
class GpuReportsTest {
  private static final String H100_REPORT =
      """
      {"node": "gpu-node-17",
       "gpus": [{"product": "NVIDIA H100 80GB HBM3", "memoryMiB": 81559, "count": 8, "used": 3}],
       "labels": {"topology.kubernetes.io/zone": "eu-west-1a"}}
      """;

  @Inject GpuReportStore reports;
  @Inject Transactor tx;

  @Inject
  @CacheName("gpu-inventory")
  Cache inventoryCache;

  @BeforeEach
  void noReports() throws Throwable {
    await(
        () ->
            tx.inTransaction(
                () -> reports.deleteOlderThan(Instant.now().plus(Duration.ofDays(1)))));
    inventoryCache.invalidateAll().await().indefinitely();
  }

  @Test
  void aPostedReportIsStoredAndListedAsAnAgentPool() {
    String reportedAt =
        post(H100_REPORT)
            .statusCode(200)
            .body("node", equalTo("gpu-node-17"))
            .body("gpus[0].product", equalTo("NVIDIA H100 80GB HBM3"))
            .body("gpus[0].memoryBytes", equalTo(81559L << 20))
            .body("gpus[0].count", equalTo(8))
            .body("gpus[0].used", equalTo(3))
            .body("gpus[0].profile", equalTo("H100-80GB-SXM"))
            .body("labels.'topology.kubernetes.io/zone'", equalTo("eu-west-1a"))
            .extract()
            .path("reportedAt");

    String pool = pool("H100-80GB-SXM-8x-agent");
    given()
        .get("/api/v1/gpus")
        .then()
        .statusCode(200)
        .body(pool + ".source", equalTo("agent"))
        .body(pool + ".product", equalTo("NVIDIA H100 80GB HBM3"))
        .body(pool + ".vendor", equalTo("nvidia"))
        .body(pool + ".nodes", equalTo(1))
        .body(pool + ".allocatable", equalTo(8))
        .body(pool + ".used", equalTo(3))
        .body(pool + ".observedAt", equalTo(reportedAt))
        .body("sources.find { it.source == 'agent' }.status", equalTo("ok"));
  }

  @Test
  void aReportExpiresOneReportTtlAfterItArrived() {
    var body = post(H100_REPORT).statusCode(200).extract();
    Instant reportedAt = Instant.parse(body.path("reportedAt"));
    Instant expiresAt = Instant.parse(body.path("expiresAt"));
    assertThat(Duration.between(reportedAt, expiresAt))
        .isEqualTo(Duration.parse("PT" + LocalGpuProfile.REPORT_TTL.toUpperCase()));
  }

  @Test
  void theLatestReportOfANodeWins() {
    post(report("gpu-node-3", "NVIDIA-A100-SXM4-80GB", 81920, 8)).statusCode(200);
    post(report("gpu-node-3", "NVIDIA-A100-SXM4-80GB", 81920, 4)).statusCode(200);

    given()
        .get("/api/v1/gpus")
        .then()
        .statusCode(200)
        .body("items.findAll { it.source == 'agent' }.name", equalTo(List.of("A100-80GB-4x-agent")))
        .body(pool("A100-80GB-4x-agent") + ".nodes", equalTo(1));
  }

  @Test
  void reportsOlderThanTheTtlAreLeftOutAndPrunedOnTheNextPost() throws Throwable {
    Instant stale = Instant.now().minus(Duration.ofMinutes(11)).truncatedTo(ChronoUnit.MILLIS);
    GpuReport old =
        new GpuReport(
            "gone-node",
            List.of(new GpuReport.Gpu("NVIDIA-L40S", 46068L << 20, 4, 1)),
            Map.of(),
            stale);
    await(() -> tx.inTransaction(() -> reports.save(old)));

    given()
        .get("/api/v1/gpus")
        .then()
        .statusCode(200)
        .body("items.source", not(hasItem("agent")))
        .body("sources.find { it.source == 'agent' }.detail", containsString("0 node reports"));

    post(report("fresh-node", "NVIDIA-L40S", 46068, 4)).statusCode(200);
    given().get("/api/v1/gpus").then().body(pool("L40S-48GB-4x-agent") + ".nodes", equalTo(1));
    List<GpuReport> left = await(() -> reports.since(Instant.EPOCH));
    assertThat(left).extracting(GpuReport::node).containsExactly("fresh-node");
  }

  @Test
  void staticPoolsComeFromTheConfiguredProfilesWithTheConfiguredCount() {
    given()
        .get("/api/v1/gpus")
        .then()
        .statusCode(200)
        .body(
            "items.findAll { it.source == 'static' }.name",
            equalTo(List.of("MI300X-192GB", "H100-80GB-SXM")))
        .body(pool("H100-80GB-SXM") + ".countPerNode", equalTo(4))
        .body(pool("H100-80GB-SXM") + ".product", equalTo("NVIDIA H100 80GB SXM"))
        .body(pool("H100-80GB-SXM") + ".profile", equalTo("H100-80GB-SXM"))
        .body(pool("H100-80GB-SXM") + ".nodes", nullValue())
        .body(pool("H100-80GB-SXM") + ".allocatable", nullValue())
        .body(pool("H100-80GB-SXM") + ".used", nullValue())
        .body(pool("MI300X-192GB") + ".vendor", equalTo("amd"))
        .body("sources.find { it.source == 'static' }.pools", equalTo(2))
        .body("sources.find { it.source == 'static' }.detail", containsString("Voodoo2"));
  }

  @Test
  void withKubernetesOffTheInventoryStillAnswersAndSaysSo() {
    given()
        .get("/api/v1/gpus")
        .then()
        .statusCode(200)
        .body("sources.source", equalTo(List.of("kubernetes", "agent", "static")))
        .body("sources.find { it.source == 'kubernetes' }.status", equalTo("disabled"))
        .body("sources.find { it.source == 'kubernetes' }.pools", equalTo(0))
        .body("items.source", not(hasItem("kubernetes")));
  }

  @Test
  void aPoolIsFoundByItsNameIgnoringCaseAndAnUnknownOneIsA404() {
    given()
        .get("/api/v1/gpus/H100-80GB-SXM")
        .then()
        .statusCode(200)
        .body("countPerNode", equalTo(4));
    given()
        .get("/api/v1/gpus/h100-80gb-sxm")
        .then()
        .statusCode(200)
        .body("name", equalTo("H100-80GB-SXM"));
    given()
        .get("/api/v1/gpus/L4-24GB")
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("status", equalTo(404))
        .body("detail", containsString("L4-24GB"));
  }

  @Test
  void malformedBodiesAreProblemsAndAWellFormedOneIsAccepted() {
    post(H100_REPORT).statusCode(200);
    post("")
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", hasItem("body"));
    post("{\"node\": ").statusCode(400).body("type", containsString("malformed-json"));
    post(H100_REPORT.replace("\"count\": 8", "\"count\": \"eight\""))
        .statusCode(400)
        .body("errors[0].field", equalTo("gpus[0].count"));
  }

  @Test
  void everyInvalidFieldIsListedAtOnce() {
    post("""
            {"node": "Bad_Node", "gpus": [{"product": " ", "memoryMiB": 0, "count": 0}]}
            """)
        .statusCode(400)
        .contentType("application/problem+json")
        .body("type", equalTo("https://modelmanager.dev/problems/validation"))
        .body(
            "errors.field",
            hasItems("node", "gpus[0].product", "gpus[0].memoryMiB", "gpus[0].count"))
        .body("detail", equalTo("4 fields are invalid"));
  }

  static ValidatableResponse post(String json) {
    return given().contentType(ContentType.JSON).body(json).post("/api/v1/gpus/reports").then();
  }

  static String report(String node, String product, long memoryMiB, int count) {
    return """
        {"node": "%s", "gpus": [{"product": "%s", "memoryMiB": %d, "count": %d}]}
        """
        .formatted(node, product, memoryMiB, count);
  }

  private static String pool(String name) {
    return "items.find { it.name == '" + name + "' }";
  }

  private static <T> T await(Supplier<io.smallrye.mutiny.Uni<T>> work) throws Throwable {
    return VertxContextSupport.subscribeAndAwait(work);
  }
}
