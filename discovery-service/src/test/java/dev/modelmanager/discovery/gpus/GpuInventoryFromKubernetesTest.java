package dev.modelmanager.discovery.gpus;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.modelmanager.discovery.domain.gpu.GpuPool;
import dev.modelmanager.discovery.service.GpuInventoryService;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(KubernetesGpuProfile.class)
@WithKubernetesTestServer(crud = true)
class GpuInventoryFromKubernetesTest {
  private static final String H100_POOL = "H100-80GB-SXM-8x-kubernetes";
  private static final long H100_BYTES = 81559L << 20;

  @KubernetesTestServer KubernetesServer server;

  @Inject
  @CacheName("gpu-inventory")
  Cache inventoryCache;

  @Inject GpuInventoryService inventory;

  ClusterFixture cluster;

  @BeforeEach
  void emptyCluster() {
    server.getKubernetesMockServer().clearExpectations();
    server.getKubernetesMockServer().reset();
    cluster = new ClusterFixture(server.getClient());
    forgetInventory();
  }

  @AfterEach
  void noFaults() {
    server.getKubernetesMockServer().clearExpectations();
  }

  @Test
  void gpuNodesBecomePoolsWithAllocatableAndGpusHeldByLivePods() {
    cluster.h100Node("h100-a");
    cluster.nvidiaNode("h100-b", "NVIDIA-H100-80GB-HBM3", 81559, 8, 7);
    cluster.nvidiaNode("h100-half", "NVIDIA-H100-80GB-HBM3", 81559, 4, 4);
    cluster.gpuPod("llama-70b", "h100-a", ClusterFixture.NVIDIA_GPU, 4, "Running");
    cluster.gpuPod("mixtral", "h100-b", ClusterFixture.NVIDIA_GPU, 2, "Pending");
    cluster.gpuPod("finished-eval", "h100-a", ClusterFixture.NVIDIA_GPU, 8, "Succeeded");
    cluster.gpuPod("crashed", "h100-b", ClusterFixture.NVIDIA_GPU, 1, "Failed");
    cluster.gpuPod("small", "h100-half", ClusterFixture.NVIDIA_GPU, 1, "Running");

    given()
        .get("/api/v1/gpus")
        .then()
        .statusCode(200)
        .body(pool(H100_POOL) + ".product", equalTo("NVIDIA-H100-80GB-HBM3"))
        .body(pool(H100_POOL) + ".vendor", equalTo("nvidia"))
        .body(pool(H100_POOL) + ".memoryBytes", equalTo(H100_BYTES))
        .body(pool(H100_POOL) + ".countPerNode", equalTo(8))
        .body(pool(H100_POOL) + ".nodes", equalTo(2))
        .body(pool(H100_POOL) + ".allocatable", equalTo(15))
        .body(pool(H100_POOL) + ".used", equalTo(6))
        .body(pool(H100_POOL) + ".source", equalTo("kubernetes"))
        .body(pool(H100_POOL) + ".profile", equalTo("H100-80GB-SXM"))
        .body(pool(H100_POOL) + ".observedAt", notNullValue())
        .body(pool(H100_POOL) + ".ageSeconds", greaterThanOrEqualTo(0))
        .body(pool("H100-80GB-SXM-4x-kubernetes") + ".nodes", equalTo(1))
        .body(pool("H100-80GB-SXM-4x-kubernetes") + ".used", equalTo(1))
        .body("sources.find { it.source == 'kubernetes' }.status", equalTo("ok"))
        .body("sources.find { it.source == 'kubernetes' }.pools", equalTo(2));
  }

  @Test
  void amdNodesArePooledWithTheCatalogsExactMemory() {
    cluster.mi300xNode("mi300x-a");
    cluster.gpuPod("deepseek", "mi300x-a", ClusterFixture.AMD_GPU, 8, "Running");

    String mi300x = pool("MI300X-192GB-8x-kubernetes");
    given()
        .get("/api/v1/gpus")
        .then()
        .statusCode(200)
        .body(mi300x + ".vendor", equalTo("amd"))
        .body(mi300x + ".memoryBytes", equalTo(205_822_885_888L))
        .body(mi300x + ".countPerNode", equalTo(8))
        .body(mi300x + ".allocatable", equalTo(8))
        .body(mi300x + ".used", equalTo(8))
        .body(mi300x + ".profile", equalTo("MI300X-192GB"));
  }

  @Test
  void nodesWithoutGpusAreIgnored() {
    cluster.cpuNode("cpu-a");
    cluster.h100Node("h100-a");

    given()
        .get("/api/v1/gpus")
        .then()
        .statusCode(200)
        .body("items.findAll { it.source == 'kubernetes' }.name", equalTo(List.of(H100_POOL)))
        .body(pool(H100_POOL) + ".nodes", equalTo(1));
  }

  @Test
  void unknownProductsAreNamedBySlugWithoutAProfile() {
    cluster.nvidiaNode("rtx-pro", "NVIDIA-RTX-PRO-6000-Blackwell-Server-Edition", 97887, 8, 8);

    String name = "nvidia-rtx-pro-6000-blackwell-server-edition-8x-kubernetes";
    given()
        .get("/api/v1/gpus")
        .then()
        .statusCode(200)
        .body(pool(name) + ".memoryBytes", equalTo(97887L << 20))
        .body(pool(name) + ".profile", nullValue())
        .body(pool(name) + ".used", equalTo(0));
  }

  @Test
  void poolsAreOrderedByMemoryThenName() {
    cluster.h100Node("h100-a");
    cluster.mi300xNode("mi300x-a");

    List<Long> memory =
        given().get("/api/v1/gpus").then().statusCode(200).extract().path("items.memoryBytes");
    assertThat(memory).isSortedAccordingTo(Comparator.reverseOrder());
  }

  @Test
  void aPoolIsFoundByNameAndAnUnknownNameIsA404Problem() throws Throwable {
    cluster.h100Node("h100-a");

    given()
        .get("/api/v1/gpus/" + H100_POOL)
        .then()
        .statusCode(200)
        .body("name", equalTo(H100_POOL))
        .body("countPerNode", equalTo(8));
    Optional<GpuPool> resolved =
        VertxContextSupport.subscribeAndAwait(() -> inventory.pool(H100_POOL));
    assertThat(resolved)
        .get()
        .extracting(GpuPool::memoryBytes, GpuPool::countPerNode)
        .containsExactly(H100_BYTES, 8);

    given()
        .get("/api/v1/gpus/B200-192GB-8x-kubernetes")
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("type", equalTo("https://modelmanager.dev/problems/not-found"))
        .body("detail", containsString("B200-192GB-8x-kubernetes"));
  }

  @Test
  void theInventoryIsCachedAndAPostedReportRefreshesIt() {
    cluster.h100Node("h100-a");
    given().get("/api/v1/gpus").then().body(pool(H100_POOL) + ".nodes", equalTo(1));

    cluster.h100Node("h100-b");
    given().get("/api/v1/gpus").then().body(pool(H100_POOL) + ".nodes", equalTo(1));

    given()
        .contentType(ContentType.JSON)
        .body(
            """
            {"node": "edge-1", "gpus": [{"product": "NVIDIA L4", "memoryMiB": 23034, "count": 1}]}
            """)
        .post("/api/v1/gpus/reports")
        .then()
        .statusCode(200);
    given().get("/api/v1/gpus").then().body(pool(H100_POOL) + ".nodes", equalTo(2));
  }

  @Test
  void aFailingKubernetesApiIsReportedWhileTheOtherSourcesStillAnswer() {
    cluster.h100Node("h100-a");
    server
        .expect()
        .get()
        .withPath("/api/v1/nodes?limit=500")
        .andReturn(
            403,
            new StatusBuilder()
                .withCode(403)
                .withReason("Forbidden")
                .withMessage(
                    "nodes is forbidden: User \"system:serviceaccount:mm:discovery-service\""
                        + " cannot list resource \"nodes\" in API group \"\" at the cluster scope")
                .build())
        .always();

    given()
        .get("/api/v1/gpus")
        .then()
        .statusCode(200)
        .body("sources.find { it.source == 'kubernetes' }.status", equalTo("failed"))
        .body("sources.find { it.source == 'kubernetes' }.detail", containsString("403"))
        .body("sources.find { it.source == 'kubernetes' }.detail", containsString("cannot list"))
        .body("sources.find { it.source == 'static' }.status", equalTo("ok"))
        .body("items.source", not(hasItem("kubernetes")))
        .body("items.name", hasItem("L4-24GB"));

    server.getKubernetesMockServer().clearExpectations();
    forgetInventory();
    given()
        .get("/api/v1/gpus")
        .then()
        .statusCode(200)
        .body("sources.find { it.source == 'kubernetes' }.status", equalTo("ok"))
        .body("items.name", hasItem(H100_POOL));
  }

  @Test
  void staticPoolsStandBesideObservedOnesWithNothingObserved() {
    cluster.h100Node("h100-a");

    given()
        .get("/api/v1/gpus")
        .then()
        .statusCode(200)
        .body("items.findAll { it.source == 'static' }.name", equalTo(List.of("L4-24GB")))
        .body(pool("L4-24GB") + ".nodes", nullValue())
        .body(pool("L4-24GB") + ".allocatable", nullValue())
        .body(pool("L4-24GB") + ".used", nullValue());
  }

  private static String pool(String name) {
    return "items.find { it.name == '" + name + "' }";
  }

  private void forgetInventory() {
    inventoryCache.invalidateAll().await().indefinitely();
  }
}
