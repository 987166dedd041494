package dev.modelmanager.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelmanager.gateway.domain.AccessRules;
import dev.modelmanager.model.security.Role;
import dev.modelmanager.model.security.Scopes;
import dev.modelmanager.systemtests.deploy.MonitoredMetrics;
import dev.modelmanager.testkit.catalog.DemoCatalog;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The README's local run, as a user does it: {@code bin/mm up --demo} on the packaged services, the
 * gateway in front, discovery, weights, the catalog's pull-request flow and deployments on the
 * simulated cluster through it, a stopped service answering 502 fast, and {@code bin/mm down}
 * leaving nothing behind. Each test stands alone: none needs another to have run first.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalRunTest {
  private static final Path ROOT =
      Path.of(System.getProperty("mm.repo.root", "..")).toAbsolutePath().normalize();
  private static final List<Integer> PORTS =
      List.of(8080, 8081, 8082, 8083, 8084, 8090, 8091, 8092, 8093, 9092);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static Path runDir;

  /**
   * Read by deploy/base/monitoring but not exposed by a service: {@code up} is Prometheus's own;
   * the gateway's notification deliveries come with the notifications work (issue 13 item 4).
   */
  private static final java.util.Set<String> NOT_FROM_THE_SERVICES =
      java.util.Set.of("up", "mm_gateway_notification_deliveries_total");

  @BeforeAll
  static void up() throws Exception {
    for (int port : PORTS) {
      assertThat(listening(port)).as("port %d must be free for the local run", port).isFalse();
    }
    runDir = Files.createTempDirectory("mm-local-run");
    Result up = mm(Duration.ofMinutes(4), "up", "--demo");
    assertThat(up.exitCode()).as(up.output()).isZero();
    assertThat(up.output()).contains("http://localhost:8080");
    // bin/mm reloads the demo catalog at start; the tests read its entries.
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> assertThat(get("/api/v1/catalog/entries").get("items").size()).isEqualTo(2));
  }

  @AfterAll
  static void down() throws Exception {
    if (runDir == null) {
      return; // up() refused to start: nothing of ours runs.
    }
    Result down = mm(Duration.ofMinutes(1), "down");
    assertThat(down.exitCode()).as(down.output()).isZero();
    for (int port : PORTS) {
      assertThat(listening(port)).as("port %d after bin/mm down", port).isFalse();
    }
    try (var pids = Files.list(runDir.resolve("run"))) {
      assertThat(pids).as("pid files left").isEmpty();
    }
  }

  /**
   * The web console end to end, in Debian's Chromium (installed when missing): sign in with the
   * admin token, search a demo model, install it and watch the job reach 100 % live, validate a
   * catalog entry, activate it and see it READY, delete it; axe finds no serious or critical
   * violation on any page, and each page is saved at 1440 and 390 px under
   * system-tests/target/web-console/. First, so that its install is a fresh one (the other tests
   * only ever stage what exists already or install again with 409).
   */
  @Test
  @Order(1)
  void webConsoleFromSearchToServing() throws Exception {
    Path webui = ROOT.resolve("gateway/src/main/webui");
    Result chromium = run(Duration.ofMinutes(5), webui, "bash", "e2e/ensure-chromium.sh");
    assertThat(chromium.exitCode()).as(chromium.output()).isZero();
    Result e2e =
        run(
            Duration.ofMinutes(12),
            webui,
            Map.of(
                "MM_TOKEN_FILE", runDir.resolve("admin-token").toString(),
                "MM_E2E_OUT", ROOT.resolve("system-tests/target/web-console").toString()),
            "node",
            "e2e/run.mjs");
    assertThat(e2e.exitCode()).as(e2e.output()).isZero();
    assertThat(e2e.output())
        .contains(
            "job reached SUCCEEDED at 100 % live",
            "revision 1 READY",
            "revision 2 (Recreate) READY",
            "rolled back to revision 1 as revision 3, READY",
            "revision 3 drawer");
  }

  private static Result run(Duration timeout, Path dir, String... cmd)
      throws IOException, InterruptedException {
    return run(timeout, dir, Map.of(), cmd);
  }

  private static Result run(Duration timeout, Path dir, Map<String, String> env, String... cmd)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().putAll(env);
    Path out = Files.createTempFile("mm-e2e", ".log");
    pb.redirectOutput(out.toFile());
    Process p = pb.start();
    if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return new Result(-1, Files.readString(out) + "\n(timed out)");
    }
    return new Result(p.exitValue(), Files.readString(out));
  }

  @Test
  void gatewayReportsEveryComponentUp() throws Exception {
    JsonNode info = get("/api/v1/system/info");
    assertThat(info.get("name").asText()).isEqualTo("gateway");
    for (String s :
        List.of("discovery-service", "weights-service", "catalog-service", "deploy-service")) {
      assertThat(info.at("/components/" + s + "/status").asText()).as(s).isEqualTo("UP");
    }
    assertThat(info.toString()).doesNotContain("password=").doesNotContain("hf_");
  }

  @Test
  void mergedOpenApiCoversTheServices() throws Exception {
    JsonNode doc = get("/openapi.json");
    assertThat(doc.get("openapi").asText()).startsWith("3.");
    assertThat(doc.get("paths").has("/api/v1/catalog/reload")).isTrue();
    assertThat(doc.get("paths").has("/api/v1/system/info")).isTrue();
  }

  @Test
  void catalogReloadWorksThroughTheGateway() throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://localhost:8080/api/v1/catalog/reload"))
                .header("Authorization", "Bearer " + adminToken())
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(get("/api/v1/catalog/entries").get("items").findValuesAsText("commit"))
        .as("every entry is pinned to the catalog commit it was read at")
        .hasSize(2)
        .allMatch(c -> c.matches("[0-9a-f]{40}"));
  }

  @Test
  void discoveryAnswersThroughTheGatewayWithOneHubCallPerUncachedSearch() throws Exception {
    send("DELETE", "http://127.0.0.1:8090/_fake/requests", null);
    JsonNode page = get("/api/v1/huggingface/search?q=qwen&fitsGpu=L4");
    assertThat(page.get("items").findValuesAsText("id")).contains("Qwen/Qwen2.5-0.5B");
    assertThat(hubCalls("/api/models")).isEqualTo(1);
    get("/api/v1/huggingface/search?q=qwen&fitsGpu=L4");
    assertThat(hubCalls("/api/models"))
        .as("a repeated search is served from the cache")
        .isEqualTo(1);

    JsonNode details = get("/api/v1/models/Qwen/Qwen2.5-0.5B/details");
    assertThat(details.at("/parameters/total").asLong()).isEqualTo(494_032_768L);
    assertThat(details.at("/kvCache/bytesPerToken").asLong()).isEqualTo(12_288L);
    // The demo catalog starts with an entry for this model.
    assertThat(details.at("/catalog/status").asText()).isEqualTo("found");
    assertThat(get("/api/v1/vllm/architectures/Qwen2ForCausalLM").get("architecture").asText())
        .isEqualTo("Qwen2ForCausalLM");
    assertThat(get("/api/v1/gpus").get("items")).isNotEmpty();

    HttpResponse<String> rec =
        send(
            "POST",
            "http://localhost:8080/api/v1/recommendations",
            "{\"model\":\"Qwen/Qwen2.5-0.5B\",\"gpus\":[{\"name\":\"L4\",\"count\":1}]}");
    assertThat(rec.statusCode()).as(rec.body()).isEqualTo(200);
    assertThat(JSON.readTree(rec.body()).at("/best/fits").asBoolean()).isTrue();
  }

  @Test
  void aWeightsInstallThroughTheGatewayEndsVerifiedAndItsEventsReachTheGateway() throws Exception {
    HttpResponse<String> created =
        send(
            "POST",
            "http://localhost:8080/api/v1/weights/installs",
            // Qwen's configs only: a snapshot no other test stages (tiny-llama is the
            // deployments').
            "{\"repo\":\"Qwen/Qwen2.5-0.5B\",\"include\":[\"*.json\"],\"pin\":true}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
    String location = created.headers().firstValue("Location").orElseThrow();
    assertThat(location).startsWith("/api/v1/weights/installs/");

    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(
            () -> assertThat(get(location).get("state").asText()).isEqualTo("SUCCEEDED"));
    assertThat(get("/api/v1/weights?q=qwen2.5").get("items").findValuesAsText("repo"))
        .contains("Qwen/Qwen2.5-0.5B");

    // The outbox relayed the events to Kafka and the gateway's intake logged them.
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () ->
                assertThat(get("/api/v1/events?limit=200").get("items").findValuesAsText("type"))
                    .contains(
                        "dev.modelmanager.weights.install.succeeded",
                        "dev.modelmanager.catalog.reloaded"));
  }

  @Test
  void aGeneratedEntryBecomesApprovedThroughAPullRequestAndItsMerge() throws Exception {
    HttpResponse<String> generated =
        send(
            "POST",
            "http://localhost:8080/api/v1/catalog/generate",
            "{\"hfModelId\":\"Qwen/Qwen2.5-0.5B\",\"maxModelLen\":8192}");
    assertThat(generated.statusCode()).as(generated.body()).isEqualTo(200);
    JsonNode draft = JSON.readTree(generated.body());
    assertThat(draft.at("/report/valid").asBoolean()).as(generated.body()).isTrue();
    ObjectNode entry = (ObjectNode) draft.get("entry");
    entry.put("id", "qwen-8k");

    HttpResponse<String> validated =
        send("POST", "http://localhost:8080/api/v1/catalog/validate", entry.toString());
    assertThat(validated.statusCode()).as(validated.body()).isEqualTo(200);
    assertThat(JSON.readTree(validated.body()).get("checks").findValuesAsText("status"))
        .doesNotContain("fail");

    String pr = JSON.createObjectNode().set("entry", entry).toString();
    HttpResponse<String> opened =
        send("POST", "http://localhost:8080/api/v1/catalog/pull-requests", pr);
    assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
    int number = JSON.readTree(opened.body()).get("number").asInt();
    HttpResponse<String> again =
        send("POST", "http://localhost:8080/api/v1/catalog/pull-requests", pr);
    assertThat(again.statusCode()).as("the same entry again is the same PR").isEqualTo(200);
    assertThat(JSON.readTree(again.body()).get("number").asInt()).isEqualTo(number);

    // Merge on the GitHub stand-in, which delivers the signed webhook to catalog-service.
    HttpResponse<String> merged =
        send(
            "PUT",
            "http://127.0.0.1:8092/repos/mm-demo/catalog/pulls/" + number + "/merge",
            "{}",
            "Authorization",
            "Bearer demo-token");
    assertThat(merged.statusCode()).as(merged.body()).isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(
                        send("GET", "http://localhost:8080/api/v1/catalog/entries/qwen-8k", null)
                            .statusCode())
                    .isEqualTo(200));
    assertThat(get("/api/v1/catalog/entries/qwen-8k").at("/entry/vllm/maxModelLen").asInt())
        .isEqualTo(8192);
  }

  @Test
  void aDeploymentActivatesOnTheDemoClusterAndRollsBackWithItsDiff() throws Exception {
    // tiny-llama's demo entry serves weights staged in the "default" location.
    stage("mm-demo/tiny-llama");

    HttpResponse<String> dryRun =
        send(
            "POST",
            "http://localhost:8080/api/v1/deployments/demo-chat/dry-run",
            "{\"entry\":\"tiny-llama\"}");
    assertThat(dryRun.statusCode()).as(dryRun.body()).isEqualTo(200);

    int first = activate("tiny-llama", "first rollout");
    awaitState(first, "READY");
    int second = activate("qwen2-5-0-5b", "bigger model");
    awaitState(second, "READY");

    HttpResponse<String> rollback =
        send(
            "POST",
            "http://localhost:8080/api/v1/deployments/demo-chat/rollback",
            "{\"reason\":\"back to tiny\"}",
            // A client cannot pick the actor: the gateway drops this and sends its signed token.
            "X-MM-Actor",
            "mallory");
    assertThat(rollback.statusCode()).as(rollback.body()).isIn(200, 202);
    JsonNode change = JSON.readTree(rollback.body());
    assertThat(change.at("/diff/yaml").asText()).contains("tiny-llama");
    int third = change.at("/revision/revision").asInt();
    awaitState(third, "READY");

    JsonNode revisions = get("/api/v1/deployments/demo-chat/revisions");
    // The actor is the subject of the gateway's internal token: the caller, never a client header.
    List<String> actors = revisions.get("items").findValuesAsText("actor");
    assertThat(actors).isNotEmpty().doesNotContain("mallory", "local", "anonymous");
    assertThat(new java.util.HashSet<>(actors)).hasSize(1);
    assertThat(revisions.get("items").findValuesAsText("reason"))
        .contains("first rollout", "bigger model", "back to tiny");

    // deploy-service told weights-service which snapshot serves (over Kafka).
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(
                        get("/api/v1/weights?q=tiny-llama").get("items").findValuesAsText("inUse"))
                    .contains("true"));
  }

  @Test
  void everyOperationOfTheMergedOpenApiHasAnAccessRule() throws Exception {
    AccessRules rules = AccessRules.load();
    List<AccessMatrix.Operation> ops = AccessMatrix.operations(get("/openapi.json"));
    assertThat(ops).hasSizeGreaterThan(40);
    assertThat(ops.stream().filter(op -> AccessMatrix.ruleOf(rules, op) == null).toList())
        .as("operations without a line in gateway/src/main/resources/security/access-rules.txt")
        .isEmpty();
  }

  /**
   * Every operation of the merged document × no token, an expired token, a viewer, an operator, a
   * token limited by its scopes and an admin: refused exactly where the table says (401 or 403),
   * let through everywhere else.
   */
  @Test
  void theAccessMatrixMatchesTheTableForEveryOperation() throws Exception {
    AccessRules rules = AccessRules.load();
    Map<AccessMatrix.CallerKind, String> callers = new LinkedHashMap<>();
    callers.put(AccessMatrix.CallerKind.anonymous(), null);
    callers.put(AccessMatrix.CallerKind.broken("expired token"), expiredToken());
    callers.put(
        AccessMatrix.CallerKind.token("viewer", Role.VIEWER, Set.of(Scopes.ALL)),
        createToken("matrix-viewer", "viewer", List.of("*"), "matrix-viewer"));
    callers.put(
        AccessMatrix.CallerKind.token("operator", Role.OPERATOR, Set.of(Scopes.ALL)),
        createToken("matrix-operator", "operator", List.of("*"), "matrix-operator"));
    callers.put(
        AccessMatrix.CallerKind.token(
            "operator limited to weights:read", Role.OPERATOR, Set.of(Scopes.WEIGHTS_READ)),
        createToken("matrix-scoped", "operator", List.of("weights:read"), "matrix-scoped"));
    callers.put(
        AccessMatrix.CallerKind.token("admin", Role.ADMIN, Set.of(Scopes.ALL)), adminToken());
    // Let through, these would do real work, check their own signature or never end: only
    // refusals are sent.
    Set<String> sideEffects =
        Set.of(
            "POST /api/v1/catalog/bot/run",
            "POST /api/v1/weights/reconcile",
            "POST /api/v1/weights/purge",
            "POST /api/v1/catalog/webhooks/github",
            "POST /api/v1/catalog/reload",
            // A stream that stays open: its refusals are checked, a stream let through is not.
            "GET /api/v1/events/stream");
    List<String> wrong = new ArrayList<>();
    int checked = 0;
    for (AccessMatrix.Operation op : AccessMatrix.operations(get("/openapi.json"))) {
      AccessRules.Rule rule = AccessMatrix.ruleOf(rules, op);
      assertThat(rule).as("no rule for %s", op).isNotNull();
      for (var caller : callers.entrySet()) {
        int expected = AccessMatrix.expected(rule, caller.getKey());
        if (expected == 0 && sideEffects.contains(op.method() + " " + op.template())) {
          continue;
        }
        HttpRequest.Builder b =
            HttpRequest.newBuilder(URI.create("http://localhost:8080" + op.samplePath()))
                .timeout(Duration.ofSeconds(30));
        if (caller.getValue() != null) {
          b.header("Authorization", "Bearer " + caller.getValue());
        }
        boolean hasBody = !op.method().equals("GET") && !op.method().equals("DELETE");
        if (hasBody) {
          // Malformed on purpose: a request that gets through is refused by the service's parser.
          b.header("Content-Type", "application/json");
        }
        b.method(
            op.method(),
            hasBody
                ? HttpRequest.BodyPublishers.ofString("{not json")
                : HttpRequest.BodyPublishers.noBody());
        int status = HTTP.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        checked++;
        boolean ok = expected == 0 ? status != 401 && status != 403 : status == expected;
        if (!ok) {
          wrong.add(
              op.method()
                  + " "
                  + op.template()
                  + " as "
                  + caller.getKey().name()
                  + ": "
                  + status
                  + " (expected "
                  + (expected == 0 ? "let through" : expected)
                  + ")");
        }
      }
    }
    assertThat(wrong).as("%d requests checked", checked).isEmpty();
  }

  /**
   * The walk: no token → 401; the admin token makes a viewer and an operator; the viewer
   * reads but cannot install; the operator installs; revoked → 401.
   */
  @Test
  void theAdminTokenHandsOutRolesAndARevokedTokenStopsWorking() throws Exception {
    HttpResponse<String> anonymous =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://localhost:8080/api/v1/weights/installs"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"repo\":\"mm-demo/tiny-llama\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("content-type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));

    String viewer = createToken("walk-viewer", "viewer", List.of("weights:read"), "walk-viewer");
    String operator =
        createToken(
            "walk-operator", "operator", List.of("weights:read", "weights:write"), "walk-operator");
    // Mixtral's config only: a snapshot no other test stages.
    String install = "{\"repo\":\"mistralai/Mixtral-8x7B-v0.1\",\"include\":[\"config.json\"]}";
    assertThat(sendAs(viewer, "POST", "/api/v1/weights/installs", install).statusCode())
        .isEqualTo(403);
    assertThat(sendAs(viewer, "GET", "/api/v1/weights/installs", null).statusCode()).isEqualTo(200);
    HttpResponse<String> byOperator = sendAs(operator, "POST", "/api/v1/weights/installs", install);
    assertThat(byOperator.statusCode()).as(byOperator.body()).isIn(202, 409);
    JsonNode me = JSON.readTree(sendAs(operator, "GET", "/api/v1/me", null).body());
    assertThat(me.get("subject").asText()).isEqualTo("walk-operator");
    assertThat(me.get("roles").get(0).asText()).isEqualTo("operator");

    assertThat(
            sendAs(adminToken(), "DELETE", "/api/v1/tokens/" + me.get("tokenId").asText(), null)
                .statusCode())
        .isEqualTo(200);
    assertThat(sendAs(operator, "GET", "/api/v1/weights/installs", null).statusCode())
        .isEqualTo(401);

    // The audit trail shows the operator's install and the viewer's refusal, and its chain holds.
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              JsonNode mine = get("/api/v1/audit?actor=walk-operator&limit=50");
              assertThat(mine.get("items").findValuesAsText("action"))
                  .contains("POST /api/v1/weights/installs");
              JsonNode denied = get("/api/v1/audit?actor=walk-viewer&outcome=403&limit=50");
              assertThat(denied.get("items").findValuesAsText("action"))
                  .contains("POST /api/v1/weights/installs");
            });
    JsonNode verify = get("/api/v1/audit/verify");
    assertThat(verify.get("valid").asBoolean()).as(verify.toString()).isTrue();
    assertThat(verify.get("checked").asLong()).isPositive();
  }

  /**
   * Services trust only the gateway: a direct call to a service without the gateway's internal
   * token is refused, while the same question through the gateway, and the catalog's checks that
   * ask discovery and weights on the caller's behalf, work. No credential reaches a log.
   */
  @Test
  void servicesRefuseDirectCallsAndNoLogHoldsACredential() throws Exception {
    for (int port : List.of(8081, 8082, 8083, 8084)) {
      HttpResponse<String> direct =
          HTTP.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/system/info"))
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(direct.statusCode()).as("direct call to %d", port).isEqualTo(401);
    }
    // catalog-service validates by asking discovery (fit, architecture) and weights (staged).
    String repo = DemoCatalog.ENTRIES.get(DemoCatalog.STAGED_ENTRY);
    HttpResponse<String> checks =
        send(
            "POST",
            "http://localhost:8080/api/v1/catalog/validate",
            DemoCatalog.entry(DemoCatalog.STAGED_ENTRY, repo, DemoCatalog.commitOf(repo)));
    assertThat(checks.statusCode()).as(checks.body()).isEqualTo(200);
    JsonNode report = JSON.readTree(checks.body());
    assertThat(report.get("checks").findValuesAsText("name")).contains("vllm", "fit", "weights");
    assertThat(report.get("checks").findValuesAsText("message"))
        .as("every check reached the service it asks")
        .noneMatch(m -> m.startsWith("could not check"));

    String token = createToken("log-probe", "viewer", List.of("weights:read"), "log-probe");
    assertThat(sendAs(token, "GET", "/api/v1/weights/installs", null).statusCode()).isEqualTo(200);
    String forged = token.substring(0, token.length() - 8) + "AAAAAAAA";
    assertThat(sendAs(forged, "GET", "/api/v1/weights/installs", null).statusCode()).isEqualTo(401);

    java.util.regex.Pattern apiToken = java.util.regex.Pattern.compile("mm_[0-9A-Za-z]{40,}");
    java.util.regex.Pattern jwt =
        java.util.regex.Pattern.compile("eyJ[\\w-]{10,}\\.eyJ[\\w-]{10,}\\.[\\w-]{10,}");
    try (var files = Files.list(runDir.resolve("logs"))) {
      for (Path log : files.toList()) {
        String text = Files.readString(log);
        assertThat(text).as(log.toString()).doesNotContain(adminToken(), token, forged);
        assertThat(apiToken.matcher(text).find()).as("an API token in %s", log).isFalse();
        assertThat(jwt.matcher(text).find()).as("an internal token in %s", log).isFalse();
      }
    }
  }

  private static HttpResponse<String> sendAs(String token, String method, String path, String json)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://localhost:8080" + path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + token);
    if (json != null) {
      b.header("Content-Type", "application/json");
    }
    b.method(
        method,
        json == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json));
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A token made by the admin for {@code owner}; answers its plaintext. */
  private static String createToken(String name, String role, List<String> scopes, String owner)
      throws Exception {
    ObjectNode body =
        JSON.createObjectNode().put("name", name).put("role", role).put("owner", owner);
    scopes.forEach(body.putArray("scopes")::add);
    HttpResponse<String> r =
        sendAs(adminToken(), "POST", "/api/v1/tokens", JSON.writeValueAsString(body));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return JSON.readTree(r.body()).get("token").asText();
  }

  private static String expiredToken() throws Exception {
    HttpResponse<String> r =
        sendAs(
            adminToken(),
            "POST",
            "/api/v1/tokens",
            "{\"name\":\"soon-expired\",\"scopes\":[\"*\"],\"ttl\":\"PT1S\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    String token = JSON.readTree(r.body()).get("token").asText();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> sendAs(token, "GET", "/api/v1/me", null).statusCode() == 401);
    return token;
  }

  /** Installs a demo model unless it is staged already (409: another test installed it). */
  private static void stage(String repo) throws Exception {
    HttpResponse<String> install =
        send(
            "POST", "http://localhost:8080/api/v1/weights/installs", "{\"repo\":\"" + repo + "\"}");
    if (install.statusCode() == 409) {
      assertThat(install.body()).contains("already installed");
      return;
    }
    assertThat(install.statusCode()).as(install.body()).isIn(200, 202);
    String job = install.headers().firstValue("Location").orElseThrow();
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(() -> assertThat(get(job).get("state").asText()).isEqualTo("SUCCEEDED"));
  }

  private static int activate(String entry, String reason) throws Exception {
    HttpResponse<String> r =
        send(
            "POST",
            "http://localhost:8080/api/v1/deployments/demo-chat/activate",
            "{\"entry\":\"" + entry + "\",\"reason\":\"" + reason + "\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    assertThat(r.headers().firstValue("Location")).isPresent();
    return JSON.readTree(r.body()).at("/revision/revision").asInt();
  }

  private static void awaitState(int revision, String state) {
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () ->
                assertThat(
                        get("/api/v1/deployments/demo-chat/revisions/" + revision)
                            .get("state")
                            .asText())
                    .isEqualTo(state));
  }

  /**
   * Dashboards and alerts cannot drift from the code: after a short workload, every metric a panel
   * or an alert rule reads is among the series the five components expose on /q/metrics.
   */
  @Test
  void everyMetricTheAlertsAndDashboardsReadIsExposed() throws Exception {
    // The workload: an uncached search (a Hub call through the cache) and a catalog reload.
    get("/api/v1/huggingface/search?q=drift-" + System.nanoTime());
    assertThat(send("POST", "http://localhost:8080/api/v1/catalog/reload", null).statusCode())
        .isEqualTo(200);

    java.util.Set<String> exposed = new java.util.TreeSet<>();
    for (int port : List.of(8080, 8081, 8082, 8083, 8084)) {
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/metrics"))
                  .header("Accept", "text/plain; version=0.0.4")
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as("/q/metrics on %d", port).isEqualTo(200);
      assertThat(r.headers().firstValue("content-type").orElse(""))
          .as("exposition format on %d", port)
          .contains("version=0.0.4");
      exposed.addAll(MonitoredMetrics.exposed(r.body()));
    }
    java.util.Set<String> missing = new java.util.TreeSet<>(MonitoredMetrics.all());
    missing.removeAll(exposed);
    missing.removeAll(NOT_FROM_THE_SERVICES);
    assertThat(missing)
        .as("metrics read by deploy/base/monitoring but exposed by no service")
        .isEmpty();
  }

  @Test
  void aStoppedServiceAnswers502WithinASecondWhileOthersKeepAnswering() throws Exception {
    Result stop = mm(Duration.ofSeconds(30), "stop", "discovery-service");
    assertThat(stop.exitCode()).as(stop.output()).isZero();

    long start = System.nanoTime();
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://localhost:8080/api/v1/gpus"))
                .header("Authorization", "Bearer " + adminToken())
                .timeout(Duration.ofSeconds(5))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertThat(r.statusCode()).isEqualTo(502);
    assertThat(r.headers().firstValue("content-type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
    assertThat(millis).as("502 latency").isLessThan(1000);
    assertThat(get("/api/v1/catalog/entries").get("items")).isNotNull();

    Result restarted = mm(Duration.ofMinutes(2), "start", "discovery-service");
    assertThat(restarted.exitCode()).as(restarted.output()).isZero();
    assertThat(get("/api/v1/gpus").get("items")).isNotEmpty();
  }

  private static long hubCalls(String prefix) throws Exception {
    JsonNode log = JSON.readTree(send("GET", "http://127.0.0.1:8090/_fake/requests", null).body());
    long n = 0;
    for (JsonNode r : log) {
      if (r.path("path").asText().startsWith(prefix)) {
        n++;
      }
    }
    return n;
  }

  private static HttpResponse<String> send(
      String method, String url, String json, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
    if (url.startsWith("http://localhost:8080/")) {
      b.header("Authorization", "Bearer " + adminToken());
    }
    if (headers.length > 0) {
      b.headers(headers);
    }
    if (json != null) {
      b.header("Content-Type", "application/json");
    }
    b.method(
        method,
        json == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json));
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode get(String path) throws IOException, InterruptedException {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://localhost:8080" + path))
                .header("Authorization", "Bearer " + adminToken())
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  /** The admin token the gateway wrote on its first start (the local run is secure by default). */
  static String adminToken() throws IOException {
    return Files.readString(runDir.resolve("admin-token")).strip();
  }

  record Result(int exitCode, String output) {}

  private static Result mm(Duration timeout, String... args)
      throws IOException, InterruptedException {
    List<String> cmd = new java.util.ArrayList<>(List.of(ROOT.resolve("bin/mm").toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile()).redirectErrorStream(true);
    pb.environment().put("MM_RUN_DIR", runDir.toString());
    pb.environment().put("MM_SKIP_BUILD", "1");
    // The access matrix sends hundreds of refused credentials from this one address on purpose;
    // the throttle itself (429 + Retry-After) is FailedTokenThrottleTest's.
    pb.environment().put("MM_AUTH_FAILURES_MAX", "100000");
    Path out = Files.createTempFile("mm-cmd", ".log");
    pb.redirectOutput(out.toFile());
    Process p = pb.start();
    if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return new Result(-1, Files.readString(out) + "\n(timed out)");
    }
    String text = Files.readString(out);
    if (p.exitValue() != 0) {
      text += "\n--- logs ---\n" + tailLogs();
    }
    return new Result(p.exitValue(), text);
  }

  private static String tailLogs() throws IOException {
    StringBuilder b = new StringBuilder();
    Path logs = runDir.resolve("logs");
    if (Files.isDirectory(logs)) {
      try (var files = Files.list(logs)) {
        for (Path f : files.toList()) {
          List<String> lines = Files.readAllLines(f);
          b.append("== ").append(f.getFileName()).append('\n');
          lines
              .subList(Math.max(0, lines.size() - 30), lines.size())
              .forEach(l -> b.append(l).append('\n'));
        }
      }
    }
    return b.toString();
  }

  private static boolean listening(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 300);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
