package dev.modelmanager.kit.hf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelmanager.kit.web.ProblemException;
import dev.modelmanager.model.hf.RepoId;
import dev.modelmanager.model.problem.ProblemType;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.mutiny.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Hub transport against scripted servers: a "Hub" on 127.0.0.1 and a "CDN" on another origin.
 */
class HubClientTest {
  private static final String TOKEN = "hf_unit_test_token";
  private static final RepoId REPO = RepoId.parse("org/model");
  private static final String FILE = "/org/model/resolve/main/model.safetensors";

  private final Vertx vertx = Vertx.vertx();
  private ScriptedServer hub;
  private ScriptedServer cdn;
  private HubClient client;

  @BeforeEach
  void start() {
    hub = new ScriptedServer("127.0.0.1");
    cdn = new ScriptedServer("127.0.0.1");
    client =
        new HubClient(
            config(hub.url(), TOKEN), vertx, new ObjectMapper(), new SimpleMeterRegistry());
  }

  @AfterEach
  void stop() {
    client.close();
    hub.close();
    cdn.close();
    vertx.closeAndAwait();
  }

  @Test
  void followsRelativeRedirectsKeepingTheToken() {
    hub.on(
        "/api/models/org/old", (x, n) -> ScriptedServer.redirect(x, 307, "/api/models/org/model"));
    hub.on("/api/models/org/model", (x, n) -> ScriptedServer.send(x, 200, "{\"sha\":\"abc\"}"));

    var info = client.modelInfo(RepoId.parse("org/old"), null, List.of()).await().indefinitely();

    assertEquals("abc", info.path("sha").asText());
    assertEquals("Bearer " + TOKEN, hub.requests("/api/models/org/model").get(0).authorization());
  }

  @Test
  void listsOnlyModelPagesOfItsOwnHubAndNeverSendsTheTokenElsewhere() {
    hub.on("/api/models", (x, n) -> ScriptedServer.send(x, 200, "[{\"id\":\"org/model\"}]"));
    cdn.on("/api/models", (x, n) -> ScriptedServer.send(x, 200, "[]"));

    assertTrue(client.isModelPageUrl(hub.url() + "/api/models?cursor=abc"));
    assertEquals(
        "org/model",
        client
            .listModelsAt(hub.url() + "/api/models?cursor=abc")
            .await()
            .indefinitely()
            .items()
            .get(0)
            .path("id")
            .asText());
    for (String bad :
        List.of(
            cdn.url() + "/api/models?cursor=abc",
            hub.url() + "/api/models/org/model",
            hub.url() + "@evil.example/api/models?x=1")) {
      assertTrue(!client.isModelPageUrl(bad), bad);
      assertThrows(
          IllegalArgumentException.class,
          () -> client.listModelsAt(bad).await().indefinitely(),
          bad);
    }
    assertTrue(cdn.requests("/api/models").isEmpty());
  }

  @Test
  void sendsTheTokenToTheHubButNeverToTheCdnItRedirectsTo() {
    hub.on(FILE, (x, n) -> ScriptedServer.redirect(x, 302, cdn.url() + "/blob/abc?sig=1"));
    cdn.on("/blob/abc", (x, n) -> ScriptedServer.send(x, 206, "0123"));

    byte[] bytes =
        client.range(REPO, "main", "model.safetensors", 0, 3).await().indefinitely().getBytes();

    assertArrayEquals("0123".getBytes(), bytes);
    assertEquals("Bearer " + TOKEN, hub.requests(FILE).get(0).authorization());
    assertNull(cdn.requests("/blob/abc").get(0).authorization());
  }

  @Test
  void dropsTheTokenAfterAnAbsoluteRedirectEvenOnTheHubsOwnOrigin() {
    hub.on(FILE, (x, n) -> ScriptedServer.redirect(x, 302, hub.url() + "/cdn/abc"));
    hub.on("/cdn/abc", (x, n) -> ScriptedServer.send(x, 206, "0123"));

    client.range(REPO, "main", "model.safetensors", 0, 3).await().indefinitely();

    assertNull(hub.requests("/cdn/abc").get(0).authorization());
  }

  @Test
  void doesNotFollowAbsoluteRedirectsOfApiCalls() {
    hub.on("/api/models/org/model", (x, n) -> ScriptedServer.redirect(x, 302, cdn.url() + "/x"));

    client
        .exchange(
            io.vertx.core.http.HttpMethod.GET,
            hub.url() + "/api/models/org/model",
            java.util.Map.of(),
            false)
        .await()
        .indefinitely();

    assertTrue(cdn.log.isEmpty());
  }

  @Test
  void stopsFollowingARedirectLoopAtTheLimit() {
    hub.on(
        "/api/models/org/model",
        (x, n) -> ScriptedServer.redirect(x, 307, "/api/models/org/model"));

    ProblemException e =
        assertThrows(
            ProblemException.class,
            () -> client.modelInfo(REPO, null, List.of()).await().indefinitely());

    assertTrue(e.getMessage().contains("redirected too often"), e.getMessage());
    assertEquals(HubHops.MAX_REDIRECTS + 1, hub.requests("/api/models/org/model").size());
  }

  @Test
  void waitsTheRetryAfterTheHubAsksForBeforeRetrying() {
    hub.on(
        "/api/models/org/model",
        (x, n) -> {
          if (n == 1) {
            x.getResponseHeaders().add("Retry-After", "1");
            ScriptedServer.send(x, 429, "slow down");
          } else {
            ScriptedServer.send(x, 200, "{\"sha\":\"abc\"}");
          }
        });
    long start = System.nanoTime();

    client.modelInfo(REPO, null, List.of()).await().indefinitely();

    assertEquals(2, hub.requests("/api/models/org/model").size());
    assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() >= 950);
  }

  @Test
  void givesUpAfterTheConfiguredRetries() {
    hub.on("/api/models/org/model", (x, n) -> ScriptedServer.send(x, 503, "down"));

    ProblemException e =
        assertThrows(
            ProblemException.class,
            () -> client.modelInfo(REPO, null, List.of()).await().indefinitely());

    assertEquals(ProblemType.UPSTREAM_UNAVAILABLE.uri(), e.problem().type());
    assertEquals(3, hub.requests("/api/models/org/model").size()); // 1 + maxRetries(2)
  }

  @Test
  void turnsTheHubsClientErrorsIntoProblemsWithoutRetrying() {
    hub.on(
        "/api/models/org/gated",
        (x, n) -> {
          x.getResponseHeaders().add("X-Error-Code", "GatedRepo");
          ScriptedServer.send(x, 401, "gated");
        });
    hub.on(
        "/api/models/org/missing",
        (x, n) -> {
          x.getResponseHeaders().add("X-Error-Code", "RepoNotFound");
          ScriptedServer.send(x, 404, "missing");
        });
    hub.on(
        "/org/model/resolve/main/nope.json",
        (x, n) -> {
          x.getResponseHeaders().add("X-Error-Code", "EntryNotFound");
          ScriptedServer.send(x, 404, "missing");
        });

    assertEquals(
        ProblemType.HUB_ACCESS_DENIED.uri(),
        problem(
                () ->
                    client
                        .modelInfo(RepoId.parse("org/gated"), null, List.of())
                        .await()
                        .indefinitely())
            .type());
    assertEquals(
        ProblemType.NOT_FOUND.uri(),
        problem(
                () ->
                    client
                        .modelInfo(RepoId.parse("org/missing"), null, List.of())
                        .await()
                        .indefinitely())
            .type());
    var entry =
        problem(() -> client.download(REPO, "main", "nope.json", 100).await().indefinitely());
    assertEquals(ProblemType.NOT_FOUND.uri(), entry.type());
    assertTrue(entry.detail().contains("nope.json"), entry.detail());
    assertEquals(1, hub.requests("/api/models/org/gated").size());
  }

  @Test
  void downloadStopsReadingPastMaxBytes() {
    byte[] big = new byte[4 << 20];
    // A server that ignores Range and sends everything: the client must not keep it.
    hub.on(
        "/org/model/resolve/main/big.json",
        (x, n) -> {
          x.sendResponseHeaders(200, big.length);
          try (OutputStream out = x.getResponseBody()) {
            out.write(big);
          } catch (IOException e) {
            // the client hung up: what we want
          }
        });
    hub.on("/org/model/resolve/main/small.json", (x, n) -> ScriptedServer.send(x, 206, "{}"));

    var p = problem(() -> client.download(REPO, "main", "big.json", 1024).await().indefinitely());
    byte[] small =
        client.download(REPO, "main", "small.json", 1024).await().indefinitely().getBytes();

    assertTrue(p.detail().contains("larger than 1024 bytes"), p.detail());
    assertEquals("bytes=0-1024", hub.requests("/org/model/resolve/main/big.json").get(0).range());
    assertArrayEquals("{}".getBytes(), small);
  }

  @Test
  void blockingRangeReadsFollowTheSameTokenAndRetryRules() throws IOException {
    hub.on(
        FILE,
        (x, n) -> {
          if (n == 1) {
            x.getResponseHeaders().add("Retry-After", "0");
            ScriptedServer.send(x, 503, "busy");
          } else {
            x.getResponseHeaders().add("X-Linked-Etag", "\"abc\"");
            ScriptedServer.redirect(x, 302, cdn.url() + "/blob/abc");
          }
        });
    cdn.on(
        "/blob/abc",
        (x, n) -> {
          x.getResponseHeaders().add("Content-Range", "bytes 2-5/10");
          ScriptedServer.send(x, 206, "2345");
        });

    byte[] bytes;
    String etag;
    try (var stream = openBlocking(2, 6)) {
      bytes = stream.body().readAllBytes();
      etag = stream.etag();
    }

    assertArrayEquals("2345".getBytes(), bytes);
    assertEquals("abc", etag);
    assertEquals(2, hub.requests(FILE).size());
    hub.requests(FILE).forEach(r -> assertEquals("Bearer " + TOKEN, r.authorization()));
    assertNull(cdn.requests("/blob/abc").get(0).authorization());
    assertEquals("bytes=2-5", cdn.requests("/blob/abc").get(0).range());
  }

  @Test
  void blockingRangeReadsAnswerTheSameProblems() {
    hub.on(
        FILE,
        (x, n) -> {
          x.getResponseHeaders().add("X-Error-Code", "GatedRepo");
          ScriptedServer.send(x, 403, "gated");
        });

    ProblemException e =
        assertThrows(
            ProblemException.class,
            () -> {
              try (InputStream in = openBlocking(0, 4).body()) {
                in.readAllBytes();
              }
            });

    assertEquals(ProblemType.HUB_ACCESS_DENIED.uri(), e.problem().type());
  }

  private HubRangeReader.RangeStream openBlocking(long from, long toExclusive) throws IOException {
    return client
        .rangeReader()
        .open(
            REPO,
            "main",
            "model.safetensors",
            from,
            toExclusive,
            Duration.ofSeconds(5),
            () -> false,
            c -> {});
  }

  private static dev.modelmanager.model.problem.Problem problem(Runnable call) {
    return assertThrows(ProblemException.class, call::run).problem();
  }

  private static HubConfig config(String endpoint, String token) {
    return new HubConfig() {
      @Override
      public String endpoint() {
        return endpoint;
      }

      @Override
      public Optional<String> token() {
        return Optional.ofNullable(token);
      }

      @Override
      public Duration connectTimeout() {
        return Duration.ofSeconds(2);
      }

      @Override
      public Duration requestTimeout() {
        return Duration.ofSeconds(10);
      }

      @Override
      public int maxRetries() {
        return 2;
      }

      @Override
      public Duration initialBackoff() {
        return Duration.ofMillis(10);
      }

      @Override
      public Duration maxBackoff() {
        return Duration.ofSeconds(2);
      }
    };
  }
}
