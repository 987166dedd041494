package dev.modelmanager.deploy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelmanager.deploy.domain.ManifestText;
import dev.modelmanager.deploy.domain.Revision;
import dev.modelmanager.deploy.domain.RevisionAction;
import dev.modelmanager.deploy.service.ManifestPlanner;
import dev.modelmanager.deploy.store.RevisionStore;
import dev.modelmanager.kit.store.Transactor;
import dev.modelmanager.model.events.EventTypes;
import dev.modelmanager.testkit.kafka.KafkaResource;
import dev.modelmanager.testkit.kserve.SimulatedKServe;
import dev.modelmanager.testkit.postgres.PostgresResource;
import dev.modelmanager.testkit.security.InternalTokens;
import dev.modelmanager.testkit.security.InternalTokensResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Activate, watch, fail, roll back and deactivate against the simulated KServe cluster, with the
 * history in Postgres and the events on a real Kafka broker. Each test uses its own deployment.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = PeerServicesResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = SimulatedClusterResource.class, restrictToAnnotatedClass = true)
// Actors come from the internal token; the calls that do not check an actor go without one.
@QuarkusTestResource(
    value = InternalTokensResource.class,
    restrictToAnnotatedClass = true,
    initArgs = @ResourceArg(name = "required", value = "false"))
class DeploymentRolloutTest {
  static final String BASE = "/api/v1/deployments/";
  static DeployEventsReader events;

  @Inject KubernetesClient cluster;
  @Inject RevisionStore store;
  @Inject Transactor tx;
  @Inject ManifestPlanner planner;
  @Inject dev.modelmanager.deploy.service.DeployMetrics metrics;
  @Inject io.micrometer.core.instrument.MeterRegistry registry;

  @BeforeAll
  static void readEvents() {
    events = new DeployEventsReader();
  }

  @AfterAll
  static void stopReading() {
    events.close();
  }

  static JsonPath activate(String name, String entry, Map<String, Object> more) {
    Map<String, Object> body = new java.util.HashMap<>(more);
    body.put("entry", entry);
    return given()
        .contentType(ContentType.JSON)
        .header("Authorization", InternalTokens.bearer("alice@example.com", "Alice"))
        .body(body)
        .post(BASE + name + "/activate")
        .then()
        .statusCode(202)
        .header("Location", containsString(BASE + name + "/revisions/"))
        .extract()
        .jsonPath();
  }

  static JsonPath revision(String name, int n) {
    return given().get(BASE + name + "/revisions/" + n).then().statusCode(200).extract().jsonPath();
  }

  static void awaitState(String name, int n, String state) {
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(revision(name, n).getString("state")).isEqualTo(state));
  }

  @Test
  void activateBecomesReadyWithItsHistoryAndPublishesWeightsInUse() {
    JsonPath accepted = activate("chat-ready", "qwen-small", Map.of("reason", "first rollout"));
    assertThat(accepted.getInt("revision.revision")).isEqualTo(1);
    assertThat(accepted.getString("diff.yaml")).contains("+kind: InferenceService");

    awaitState("chat-ready", 1, "READY");

    JsonPath r = revision("chat-ready", 1);
    assertThat(r.getString("actor")).isEqualTo("alice@example.com");
    assertThat(r.getString("reason")).isEqualTo("first rollout");
    assertThat(r.getString("catalogCommit")).isEqualTo(CatalogFixtures.CATALOG_COMMIT);
    assertThat(r.getList("states.state", String.class))
        .startsWith("PENDING", "APPLIED")
        .endsWith("READY");
    assertThat(r.getString("manifest.spec.predictor.model.runtime")).isEqualTo("kserve-vllmserver");

    given()
        .get(BASE + "chat-ready")
        .then()
        .statusCode(200)
        .body("health", equalTo("Ready"))
        .body("active.revision", equalTo(1))
        .body("live.url", notNullValue())
        .body("live.pods[0].gpuRequests", equalTo(1));

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              List<JsonNode> usage =
                  events.of("chat-ready").stream()
                      .filter(e -> EventTypes.DEPLOY_WEIGHTS_USAGE.equals(e.path("type").asText()))
                      .toList();
              assertThat(usage).isNotEmpty();
              JsonNode data = usage.get(0).path("data");
              assertThat(data.path("location").asText()).isEqualTo("default");
              assertThat(data.path("repo").asText()).isEqualTo("Qwen/Qwen2.5-0.5B");
              assertThat(data.path("commit").asText()).isEqualTo(CatalogFixtures.QWEN_COMMIT);
              assertThat(data.path("inUse").asBoolean()).isTrue();
            });
  }

  @Test
  void aPodCrashingAfterTheRolloutIsAHealthChangeEvent() {
    activate("chat-later", "qwen-small", Map.of());
    awaitState("chat-later", 1, "READY");
    given().get(BASE + "chat-later").then().statusCode(200).body("health", equalTo("Ready"));
    knobs("chat-later");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              List<JsonNode> changes =
                  events.of("chat-later").stream()
                      .filter(
                          e ->
                              EventTypes.DEPLOY_DEPLOYMENT_HEALTH_CHANGED.equals(
                                  e.path("type").asText()))
                      .toList();
              assertThat(changes).isNotEmpty();
              assertThat(changes.get(0).path("data").path("health").asText()).isEqualTo("NotReady");
              assertThat(changes.get(0).path("data").path("previousHealth").asText())
                  .isEqualTo("Ready");
            });
    knobs("");
  }

  @Test
  @SuppressWarnings("unchecked")
  void anInferenceServiceEditedByHandIsADriftEvent() {
    activate("chat-drift", "qwen-small", Map.of());
    awaitState("chat-drift", 1, "READY");
    double before = registry.counter("mm_deploy_drift_detected_total").count();
    cluster
        .genericKubernetesResources("serving.kserve.io/v1beta1", "InferenceService")
        .inNamespace(SimulatedClusterResource.NAMESPACE)
        .withName("chat-drift")
        .edit(
            r -> {
              Map<String, Object> spec =
                  (Map<String, Object>) r.getAdditionalProperties().get("spec");
              ((Map<String, Object>) spec.get("predictor")).put("maxReplicas", 4);
              return r;
            });
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              List<JsonNode> drift =
                  events.of("chat-drift").stream()
                      .filter(e -> EventTypes.DEPLOY_DRIFT_DETECTED.equals(e.path("type").asText()))
                      .toList();
              assertThat(drift).hasSize(1);
              assertThat(drift.get(0).at("/data/revision").asInt()).isEqualTo(1);
              assertThat(drift.get(0).at("/data/fields").toString())
                  .isEqualTo("[\"/spec/predictor/maxReplicas\"]");
            });
    assertThat(registry.counter("mm_deploy_drift_detected_total").count()).isEqualTo(before + 1);
  }

  @Test
  void tooFewGpusFailWithTheSchedulersReason() {
    activate("chat-too-big", "needs-128-gpus", Map.of());
    awaitState("chat-too-big", 1, "FAILED");
    assertThat(revision("chat-too-big", 1).getString("stateReason"))
        .contains("Insufficient nvidia.com/gpu");
    metrics.countDeployments();
    assertThat(registry.get("mm_deploy_deployments").tag("state", "FAILED").gauge().value())
        .isGreaterThanOrEqualTo(1.0);
  }

  @Test
  void aCrashLoopFailsWithTheContainersLastLogLines() {
    knobs("chat-crash");
    activate("chat-crash", "qwen-small", Map.of());
    awaitState("chat-crash", 1, "FAILED");
    assertThat(revision("chat-crash", 1).getString("stateReason"))
        .contains("CrashLoopBackOff")
        .contains("No available memory for the cache blocks");
  }

  @Test
  void aFailedRevisionWithAutoRollbackGoesBackToTheLastReadyOne() {
    activate("chat-auto", "qwen-small", Map.of());
    awaitState("chat-auto", 1, "READY");
    activate("chat-auto", "needs-128-gpus", Map.of("autoRollback", true));
    awaitState("chat-auto", 2, "FAILED");
    awaitState("chat-auto", 3, "READY");
    JsonPath rollback = revision("chat-auto", 3);
    assertThat(rollback.getString("action")).isEqualTo("ROLLBACK");
    assertThat(rollback.getInt("rollbackOf")).isEqualTo(1);
    assertThat(rollback.getString("actor")).isEqualTo("model-manager");
    assertThat(rollback.getString("reason")).contains("revision 2 failed");
  }

  @Test
  void rollbackReappliesAnOlderRevisionAndAnswersWithItsDiff() {
    activate("chat-back", "qwen-small", Map.of());
    awaitState("chat-back", 1, "READY");
    activate("chat-back", "qwen-small-long", Map.of("reason", "longer context"));
    awaitState("chat-back", 2, "READY");
    assertThat(revision("chat-back", 1).getString("state")).isEqualTo("SUPERSEDED");

    JsonPath back =
        given()
            .contentType(ContentType.JSON)
            .header("Authorization", InternalTokens.bearer("bob@example.com", "Bob"))
            .body(Map.of("toRevision", 1, "reason", "context too long for the GPU"))
            .post(BASE + "chat-back/rollback")
            .then()
            .statusCode(202)
            .extract()
            .jsonPath();
    assertThat(back.getInt("revision.revision")).isEqualTo(3);
    assertThat(back.getString("diff.yaml"))
        .contains("-    modelmanager.dev/entry: qwen-small-long");
    assertThat(back.getString("diff.patch")).contains("4096");
    awaitState("chat-back", 3, "READY");

    JsonPath list =
        given().get(BASE + "chat-back/revisions").then().statusCode(200).extract().jsonPath();
    assertThat(list.getList("items.revision", Integer.class)).containsExactly(3, 2, 1);
    assertThat(list.getList("items.actor", String.class))
        .containsExactly("bob@example.com", "alice@example.com", "alice@example.com");
    assertThat(list.getList("items.reason", String.class))
        .containsExactly("context too long for the GPU", "longer context", null);
    assertThat(
            cluster
                .pods()
                .inNamespace(SimulatedClusterResource.NAMESPACE)
                .withLabel("serving.kserve.io/inferenceservice", "chat-back")
                .list()
                .getItems())
        .allMatch(p -> "3".equals(p.getMetadata().getLabels().get("modelmanager.dev/revision")));
  }

  @Test
  void aSecondChangeWhileOneIsInFlightIsAConflict() {
    activate("chat-busy", "qwen-small", Map.of());
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("entry", "qwen-small-long"))
        .post(BASE + "chat-busy/activate")
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("detail", containsString("only one change may be in flight"));
    awaitState("chat-busy", 1, "READY");
  }

  @Test
  void deactivateDeletesTheServiceAndReleasesItsWeights() {
    activate("chat-off", "qwen-small", Map.of());
    awaitState("chat-off", 1, "READY");
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("mode", "DELETE", "reason", "not needed"))
        .post(BASE + "chat-off/deactivate")
        .then()
        .statusCode(202)
        .body("revision.state", equalTo("READY"))
        .body("revision.deactivateMode", equalTo("DELETE"));
    assertThat(
            cluster
                .genericKubernetesResources("serving.kserve.io/v1beta1", "InferenceService")
                .inNamespace(SimulatedClusterResource.NAMESPACE)
                .withName("chat-off")
                .get())
        .isNull();
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(
                        events.of("chat-off").stream()
                            .filter(
                                e ->
                                    EventTypes.DEPLOY_WEIGHTS_USAGE.equals(e.path("type").asText()))
                            .map(e -> e.path("data").path("inUse").asBoolean())
                            .toList())
                    .containsExactly(true, false));
  }

  @Test
  void scaleToZeroKeepsTheServiceWithoutPodsAndIsListed() {
    activate("chat-idle", "qwen-small", Map.of());
    awaitState("chat-idle", 1, "READY");
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("mode", "SCALE_TO_ZERO", "reason", "weekend"))
        .post(BASE + "chat-idle/deactivate")
        .then()
        .statusCode(202)
        .body("revision.deactivateMode", equalTo("SCALE_TO_ZERO"))
        .body("diff.patch.find { it.path == '/spec/predictor/minReplicas' }.value", equalTo(0));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(
                        cluster
                            .pods()
                            .inNamespace(SimulatedClusterResource.NAMESPACE)
                            .withLabel("serving.kserve.io/inferenceservice", "chat-idle")
                            .list()
                            .getItems())
                    .isEmpty());
    given()
        .get(BASE + "chat-idle")
        .then()
        .statusCode(200)
        .body("health", equalTo("NotReady"))
        .body("desired.action", equalTo("DEACTIVATE"));
    assertThat(
            given()
                .queryParam("cursor", "chat-i")
                .queryParam("limit", 1)
                .get(BASE)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.name", String.class))
        .containsExactly("chat-idle");
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("mode", "DELETE"))
        .post(BASE + "chat-idle/deactivate")
        .then()
        .statusCode(409);
  }

  @Test
  void dryRunShowsTheDiffAndThePreflightChecksWithoutRecordingAnything() {
    double pvcFailures = validationFailures("pvc");
    JsonPath dry =
        given()
            .contentType(ContentType.JSON)
            .body(Map.of("entry", "qwen-small"))
            .post(BASE + "chat-dry/dry-run")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(dry.getString("diff.yaml")).contains("+kind: InferenceService");
    Map<String, String> checks = new java.util.HashMap<>();
    List<Map<String, Object>> list = dry.getList("checks");
    list.forEach(c -> checks.put((String) c.get("name"), (String) c.get("status")));
    assertThat(checks)
        .containsEntry("weights-staged", "PASS")
        .containsEntry("gpu-capacity", "PASS")
        .containsEntry("pvc", "FAIL")
        .containsEntry("fit", "PASS");
    assertThat(validationFailures("pvc")).isEqualTo(pvcFailures + 1);
    assertThat(validationFailures("gpu_capacity")).isZero();
    given()
        .get(BASE + "chat-dry/revisions")
        .then()
        .statusCode(200)
        .body("items.size()", equalTo(0));
  }

  @Test
  void aRevisionLeftPendingByACrashIsAppliedAndFinishedByTheReconciler() throws Throwable {
    // What a replica that died between recording a revision and applying it leaves behind.
    var plan = planner.plan("chat-crashed", 1, CatalogFixtures.get("qwen-small"), null);
    Revision orphan =
        Revision.pending(
                "chat-crashed",
                1,
                RevisionAction.ACTIVATE,
                ManifestText.json(plan.manifest()),
                "[]",
                "",
                "carol",
                "before the crash",
                java.time.Instant.now())
            .withSource(
                "qwen-small",
                CatalogFixtures.CATALOG_COMMIT,
                "Qwen/Qwen2.5-0.5B",
                CatalogFixtures.QWEN_COMMIT,
                "default",
                "Recreate",
                false,
                null,
                null);
    VertxContextSupport.subscribeAndAwait(() -> tx.inTransaction(() -> store.insert(orphan)));

    awaitState("chat-crashed", 1, "READY");
    assertThat(revision("chat-crashed", 1).getList("states.state", String.class))
        .startsWith("PENDING", "APPLIED")
        .endsWith("READY");
    assertThat(revision("chat-crashed", 1).getString("actor")).isEqualTo("carol");
  }

  private double validationFailures(String check) {
    var counter =
        registry.find("mm_deploy_validation_failures_total").tag("check", check).counter();
    return counter == null ? 0 : counter.count();
  }

  private void knobs(String crashLooping) {
    cluster
        .configMaps()
        .inNamespace(SimulatedClusterResource.NAMESPACE)
        .withName(SimulatedKServe.KNOBS)
        .edit(
            c -> {
              c.getData().put("crash-loop", crashLooping);
              return c;
            });
  }
}
