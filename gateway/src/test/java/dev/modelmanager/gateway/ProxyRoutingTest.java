package dev.modelmanager.gateway;

import static dev.modelmanager.gateway.TestAuth.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import dev.modelmanager.testkit.kafka.KafkaResource;
import dev.modelmanager.testkit.postgres.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;
import jakarta.inject.Inject;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The reverse proxy: routing by prefix, request ids, forwarding headers, and its failures. */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = FakeServicesResource.class, restrictToAnnotatedClass = true)
class ProxyRoutingTest {

  @ParameterizedTest
  @CsvSource({
    "/api/v1/huggingface/search, discovery-service",
    "/api/v1/vllm/architectures, discovery-service",
    "/api/v1/models/org/name/details, discovery-service",
    "/api/v1/gpus, discovery-service",
    "/api/v1/gpus/L4, discovery-service",
    "/api/v1/weights/installs/42, weights-service",
    "/api/v1/catalog/entries, catalog-service"
  })
  void eachPrefixReachesItsService(String path, String service) {
    asAdmin()
        .queryParam("limit", 5)
        .queryParam("q", "llama 3")
        .get(path)
        .then()
        .statusCode(200)
        .body("service", equalTo(service))
        .body("method", equalTo("GET"))
        .body("path", equalTo(path))
        .body("query", equalTo("limit=5&q=llama%203"));
  }

  @Test
  void apiLatencyIsAHistogramPerRouteTemplate() {
    String first = UUID.randomUUID().toString();
    String second = UUID.randomUUID().toString();
    asAdmin().get("/api/v1/weights/installs/" + first).then().statusCode(200);
    asAdmin().get("/api/v1/weights/installs/" + second).then().statusCode(200);

    String metrics = asAdmin().get("/q/metrics").then().statusCode(200).extract().asString();
    assertThat(metrics)
        .contains("http_server_requests_seconds_bucket{")
        .doesNotContain(first)
        .doesNotContain(second);
    assertThat(
            metrics
                .lines()
                .filter(l -> l.startsWith("http_server_requests_seconds_bucket{"))
                .filter(l -> l.contains("uri=\"/api/v1/weights/installs/{id}\""))
                .count())
        .as("the fixed buckets (12 and +Inf) of the route template")
        .isGreaterThanOrEqualTo(13);
  }

  @Test
  void methodBodyAndHeadersArePreserved() {
    String body = "{\"repo\":\"org/model\",\"revision\":\"main\"}";
    asAdmin()
        .contentType("application/json")
        .header("X-Custom", "kept")
        .body(body)
        .post("/api/v1/weights/installs/7/retry?dryRun=true")
        .then()
        .statusCode(200)
        .body("service", equalTo("weights-service"))
        .body("method", equalTo("POST"))
        .body("query", equalTo("dryRun=true"))
        .body("body", equalTo(body))
        .body("headers.x-custom", equalTo("kept"))
        .body("headers.content-type", equalTo("application/json"))
        .body("headers.x-forwarded-proto", equalTo("http"))
        .body("headers.x-forwarded-for", not(emptyOrNullString()))
        .body("headers.x-forwarded-host", not(emptyOrNullString()));
  }

  @Test
  void hopByHopRequestHeadersStayAtTheGateway() {
    asAdmin()
        .header("Connection", "keep-alive, X-Hop-Secret")
        .header("X-Hop-Secret", "1")
        .header("Proxy-Authorization", "Basic eDp5")
        .header("TE", "trailers")
        .header("X-Custom", "kept")
        .get("/api/v1/catalog/entries")
        .then()
        .statusCode(200)
        .body("headers.x-custom", equalTo("kept"))
        .body("headers.x-hop-secret", nullValue())
        .body("headers.proxy-authorization", nullValue())
        .body("headers.te", nullValue());
  }

  @Inject Vertx vertx;

  @Test
  void theGatewayRunsOneEventLoopPerCore() {
    long loops =
        StreamSupport.stream(((VertxInternal) vertx).getEventLoopGroup().spliterator(), false)
            .count();
    assertThat(loops).isEqualTo(Runtime.getRuntime().availableProcessors());
  }

  @Test
  void theAnswerLosesItsHopByHopHeadersAndItsLocationBecomesAGatewayPath() {
    asAdmin()
        .get("/api/v1/catalog/entries/hops")
        .then()
        .statusCode(201)
        .header("Location", "/api/v1/things/9?x=1")
        .header("X-Kept", "yes")
        .header("X-Hop-Secret", nullValue())
        .header("Keep-Alive", nullValue())
        .header("Date", not(emptyOrNullString()));
  }

  @Test
  void aChunkedBodyWithinTheLimitIsStreamedToTheService() {
    asAdmin()
        .contentType("text/plain")
        .body(new java.io.ByteArrayInputStream("streamed body".getBytes()))
        .post("/api/v1/weights/installs")
        .then()
        .statusCode(200)
        .body("body", equalTo("streamed body"))
        .body("headers.transfer-encoding", equalTo("chunked"));
  }

  @Test
  void serverSentEventsPassLiveAndAClientThatLeavesEndsTheUpstreamStream() throws Exception {
    int closedBefore = streamsClosed();
    java.net.http.HttpClient http =
        java.net.http.HttpClient.newBuilder()
            .version(java.net.http.HttpClient.Version.HTTP_1_1)
            .build();
    java.net.http.HttpResponse<java.io.InputStream> response =
        http.send(
            java.net.http.HttpRequest.newBuilder(gatewayUri("/api/v1/catalog/entries/stream"))
                .header("Authorization", "Bearer " + TestAuth.adminToken())
                .header("Accept", "text/event-stream")
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream");
    try (java.io.BufferedReader events =
        new java.io.BufferedReader(
            new java.io.InputStreamReader(
                response.body(), java.nio.charset.StandardCharsets.UTF_8))) {
      // The service never ends this stream: the event arrives while it is still open.
      java.util.concurrent.CompletableFuture<String> first =
          java.util.concurrent.CompletableFuture.supplyAsync(
              () -> {
                try {
                  return events.readLine();
                } catch (java.io.IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              });
      assertThat(first.get(5, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("data: first");
    }
    // The service's stream would go on until its 60 s deadline; the client leaving ends it now.
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(5))
        .until(() -> streamsClosed() > closedBefore);
  }

  private static int streamsClosed() {
    return asAdmin()
        .get("/api/v1/catalog/entries/streams-closed")
        .then()
        .statusCode(200)
        .extract()
        .path("closed");
  }

  private static java.net.URI gatewayUri(String path) {
    return java.net.URI.create(
        io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port + path);
  }

  @Test
  void aWellFormedRequestIdIsForwardedAndEchoed() {
    asAdmin()
        .header("X-Request-ID", "client-id-123")
        .get("/api/v1/catalog/entries")
        .then()
        .statusCode(200)
        .header("X-Request-ID", "client-id-123")
        .body("headers.x-request-id", equalTo("client-id-123"));
  }

  @Test
  void aMissingRequestIdIsGeneratedForwardedAndEchoed() {
    Response r = asAdmin().get("/api/v1/catalog/entries");
    String echoed = r.header("X-Request-ID");
    assertThat(echoed).isNotBlank();
    UUID.fromString(echoed);
    assertThat(r.jsonPath().getString("headers.x-request-id")).isEqualTo(echoed);
  }

  @Test
  void aMalformedRequestIdIsReplaced() {
    Response r = asAdmin().header("X-Request-ID", "bad id; <script>").get("/api/v1/gpus");
    String echoed = r.header("X-Request-ID");
    assertThat(echoed).isNotEqualTo("bad id; <script>");
    UUID.fromString(echoed);
    assertThat(r.jsonPath().getString("headers.x-request-id")).isEqualTo(echoed);
  }

  @Test
  void aStoppedServiceAnswersA502Problem() {
    Response r = asAdmin().header("X-Request-ID", "down-1").get("/api/v1/deployments/abc?x=1");
    r.then()
        .statusCode(502)
        .contentType("application/problem+json")
        .header("X-Request-ID", "down-1")
        .body("type", equalTo("https://modelmanager.dev/problems/upstream-unavailable"))
        .body("status", equalTo(502))
        .body("detail", equalTo("deploy-service is not reachable"))
        .body("instance", equalTo("/api/v1/deployments/abc"))
        .body("requestId", equalTo("down-1"));
  }

  @Test
  void aSilentServiceAnswersA504ProblemAfterTheResponseTimeout() {
    long started = System.nanoTime();
    Response r = asAdmin().header("X-Request-ID", "slow-1").get("/api/v1/gpus/slow");
    long millis = (System.nanoTime() - started) / 1_000_000;

    // The idle timeout (1s in tests) answered, not the service (which waits SLOW_MILLIS).
    assertThat(millis).isGreaterThanOrEqualTo(900L);
    r.then()
        .statusCode(504)
        .contentType("application/problem+json")
        .header("X-Request-ID", "slow-1")
        .body("type", equalTo("https://modelmanager.dev/problems/upstream-timeout"))
        .body("detail", equalTo("discovery-service did not answer in time"))
        .body("instance", equalTo("/api/v1/gpus/slow"))
        .body("requestId", equalTo("slow-1"));
  }

  @Test
  void aServiceThatTricklesPastItsDeadlineIsCutOff() {
    // Never idle for the 1s idle timeout, but past discovery's 2s total deadline: the answer had
    // started, so the gateway cuts it short instead of relaying the whole trickle.
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> asAdmin().get("/api/v1/gpus/trickle").then().extract().asString())
        .isInstanceOf(Exception.class);
  }

  @Test
  void manyConcurrentRequestsAreAllAnsweredWhileTheGatewayQueuesForConnections() throws Exception {
    // 200 at once, each held 300 ms upstream: with a pool of 50 (as before) the last ones queue
    // for more than the 500 ms connect timeout. Queueing must never become an error.
    java.net.http.HttpClient http =
        java.net.http.HttpClient.newBuilder()
            .version(java.net.http.HttpClient.Version.HTTP_1_1)
            .build();
    java.net.URI uri =
        java.net.URI.create(
            io.restassured.RestAssured.baseURI
                + ":"
                + io.restassured.RestAssured.port
                + "/api/v1/gpus/busy");
    java.util.List<java.util.concurrent.CompletableFuture<Integer>> answers =
        java.util.stream.IntStream.range(0, 200)
            .mapToObj(
                i ->
                    http.sendAsync(
                            java.net.http.HttpRequest.newBuilder(uri)
                                .header("Authorization", "Bearer " + TestAuth.adminToken())
                                .GET()
                                .build(),
                            java.net.http.HttpResponse.BodyHandlers.discarding())
                        .thenApply(java.net.http.HttpResponse::statusCode))
            .toList();
    java.util.List<Integer> statuses =
        answers.stream().map(java.util.concurrent.CompletableFuture::join).toList();
    assertThat(statuses).hasSize(200).containsOnly(200);
  }

  @Test
  void clientSuppliedForwardingHeadersAreReplaced() {
    asAdmin()
        .header("X-Forwarded-Host", "evil.example")
        .header("X-Forwarded-Proto", "https")
        .header("X-Forwarded-For", "10.9.9.9")
        .header("Forwarded", "for=10.9.9.9;host=evil.example")
        .get("/api/v1/catalog/entries")
        .then()
        .statusCode(200)
        .body("headers.x-forwarded-host", not(equalTo("evil.example")))
        .body("headers.x-forwarded-proto", equalTo("http"))
        .body("headers.x-forwarded-for", not(org.hamcrest.Matchers.containsString("10.9.9.9")))
        .body("headers.forwarded", org.hamcrest.Matchers.nullValue());
  }

  @Test
  void anUpstreamErrorPageNeverReachesTheClient() {
    asAdmin()
        .get("/api/v1/catalog/entries/crash")
        .then()
        .statusCode(500)
        .contentType("application/problem+json")
        .body("detail", equalTo("catalog-service failed with status 500"))
        .body(not(org.hamcrest.Matchers.containsString("Secret.java")));
  }

  @ParameterizedTest
  @CsvSource({"/api/v1/nothing-here", "/api/v1/no/such/route"})
  void unknownApiRoutesAnswerA404Problem(String path) {
    asAdmin()
        .header("X-Request-ID", "nf-1")
        .get(path)
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .header("X-Request-ID", "nf-1")
        .body("type", equalTo("https://modelmanager.dev/problems/not-found"))
        .body("instance", equalTo(path))
        .body("requestId", equalTo("nf-1"));
  }

  @Test
  void aPathWithDotSegmentsIsRejectedBeforeAnyRouting() {
    asAdmin()
        .urlEncodingEnabled(false)
        .get("/api/v1/catalog/../system/info")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("type", equalTo("https://modelmanager.dev/problems/bad-request"));
  }

  @Test
  void aWrongMethodOnAGatewayEndpointAnswersA405Problem() {
    asAdmin()
        .contentType("application/json")
        .body("{not json")
        .post("/api/v1/system/changelog")
        .then()
        .statusCode(405)
        .contentType("application/problem+json")
        .body("type", equalTo("https://modelmanager.dev/problems/method-not-allowed"));
  }

  @Test
  void theGatewaysOwnEndpointsEchoTheRequestId() {
    asAdmin()
        .header("X-Request-ID", "own-1")
        .get("/api/v1/system/changelog")
        .then()
        .statusCode(200)
        .header("X-Request-ID", "own-1");
  }
}
