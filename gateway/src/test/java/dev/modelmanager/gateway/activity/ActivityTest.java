package dev.modelmanager.gateway.activity;

import static dev.modelmanager.gateway.TestAuth.as;
import static dev.modelmanager.gateway.TestAuth.asAdmin;
import static dev.modelmanager.gateway.TestAuth.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelmanager.gateway.notify.NotificationsTest;
import dev.modelmanager.gateway.notify.NotifyTestProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** {@code /api/v1/activity}: events and API changes as sentences, paged, filtered, exported. */
@QuarkusTest
@TestProfile(NotifyTestProfile.class)
class ActivityTest {
  private static final String FEED = "/api/v1/activity";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void anInstallReadsAsSentencesNewestFirstWithoutItsProgressTicks() throws Exception {
    String model = "org/act-" + uuid8();
    String actor = "alice-" + uuid8();
    Instant t = Instant.now().minusSeconds(60);
    NotificationsTest.produce(
        "mm.weights",
        List.of(
            install("created", model, actor, t, 0),
            install("progressed", model, actor, t.plusSeconds(10), 0),
            install("succeeded", model, actor, t.plusSeconds(20), 15_200_000_000L)));

    JsonPath page = awaitItems(asAdmin().queryParam("model", model), 2);
    assertThat(page.getList("items.summary", String.class))
        .containsExactly(
            actor + " installed " + model + "@main into fast-nvme: succeeded, 15.2 GB",
            actor + " started installing " + model + "@main into fast-nvme");
    assertThat(page.getList("items.kind", String.class)).containsOnly("event");
    assertThat(page.getList("items.actor", String.class)).containsOnly(actor);
    assertThat(page.getString("items[0].type"))
        .isEqualTo("dev.modelmanager.weights.install.succeeded");
    assertThat(page.getString("items[0].model")).isEqualTo(model);
    assertThat(page.getString("items[0].link")).startsWith("/weights/");

    // Filters: type pattern, actor, time window.
    assertThat(
            items(
                asAdmin()
                    .queryParam("model", model)
                    .queryParam("type", "dev.modelmanager.weights.install.succeeded")))
        .hasSize(1);
    assertThat(items(asAdmin().queryParam("model", model).queryParam("actor", "nobody"))).isEmpty();
    assertThat(
            items(
                asAdmin()
                    .queryParam("model", model)
                    .queryParam("since", t.plusSeconds(15).toString())))
        .extracting(e -> e.get("outcome"))
        .containsExactly("succeeded");
    assertThat(
            items(
                asAdmin()
                    .queryParam("model", model)
                    .queryParam("until", t.plusSeconds(15).toString())))
        .extracting(e -> e.get("outcome"))
        .containsExactly("created");
  }

  @Test
  void pagesMergeEventsAndRequestsWithoutRepeatsOrGaps() throws Exception {
    String owner = "pager-" + uuid8();
    String own = token(owner, "viewer", List.of("tokens"));
    // Three changes through the API by this person (gateway requests: admins read them) ...
    for (int i = 0; i < 3; i++) {
      as(own)
          .contentType("application/json")
          .body(Map.of("name", "made-" + i, "scopes", List.of("tokens")))
          .post("/api/v1/tokens")
          .then()
          .statusCode(201);
    }
    // ... and three events of work they started.
    Instant t = Instant.now();
    NotificationsTest.produce(
        "mm.weights",
        List.of(
            install("created", "org/p1-" + uuid8(), owner, t, 0),
            install("created", "org/p2-" + uuid8(), owner, t, 0),
            install("created", "org/p3-" + uuid8(), owner, t, 0)));

    List<Map<String, Object>> all =
        awaitItems(asAdmin().queryParam("actor", owner), 6).getList("items");
    assertThat(all).extracting(e -> e.get("kind")).containsOnly("event", "request");
    assertThat(all)
        .filteredOn(e -> "request".equals(e.get("kind")))
        .extracting(e -> (String) e.get("summary"))
        .allSatisfy(s -> assertThat(s).startsWith(owner + " created an API token"))
        .hasSize(3);

    List<Object> paged = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      RequestSpecification r = asAdmin().queryParam("actor", owner).queryParam("limit", 4);
      if (cursor != null) {
        r.queryParam("cursor", cursor);
      }
      JsonPath p = r.get(FEED).then().statusCode(200).extract().jsonPath();
      paged.addAll(p.getList("items.id"));
      cursor = p.getString("nextCursor");
      pages++;
    } while (cursor != null && pages < 10);
    assertThat(paged).containsExactlyElementsOf(all.stream().map(e -> e.get("id")).toList());

    // kind narrows to one source.
    assertThat(items(asAdmin().queryParam("actor", owner).queryParam("kind", "request")))
        .hasSize(3);
    assertThat(
            items(
                asAdmin()
                    .queryParam("actor", owner)
                    .queryParam("type", "dev.modelmanager.weights.*")
                    .queryParam("kind", "event")))
        .hasSize(3);
  }

  @Test
  void aTokenSeesOnlyWhatItsScopesRead() throws Exception {
    String actor = "scoped-" + uuid8();
    Instant t = Instant.now();
    NotificationsTest.produce(
        "mm.weights", List.of(install("succeeded", "org/s-" + uuid8(), actor, t, 1000)));
    NotificationsTest.produce(
        "mm.deploy",
        List.of(
            "{\"specversion\":\"1.0\",\"id\":\""
                + UUID.randomUUID()
                + "\",\"source\":\"/deploy-service\",\"type\":\"dev.modelmanager.deploy.revision.ready\","
                + "\"subject\":\"d-"
                + uuid8()
                + "\",\"time\":\""
                + t
                + "\",\"data\":{\"deployment\":\"qwen\",\"revision\":2,\"state\":\"READY\","
                + "\"actor\":\""
                + actor
                + "\"}}"));
    awaitItems(asAdmin().queryParam("actor", actor), 2);

    String weightsOnly = token("w-" + uuid8(), "viewer", List.of("weights:read"));
    assertThat(items(as(weightsOnly).queryParam("actor", actor)))
        .extracting(e -> e.get("type"))
        .containsExactly("dev.modelmanager.weights.install.succeeded");
    String deployOnly = token("d-" + uuid8(), "viewer", List.of("deploy:read"));
    assertThat(items(as(deployOnly).queryParam("actor", actor)))
        .extracting(e -> e.get("type"))
        .containsExactly("dev.modelmanager.deploy.revision.ready");
    // A viewer reading every event still gets no request records of gateway settings (tokens).
    String viewer = token("v-" + uuid8(), "viewer", List.of("events:read"));
    as(viewer)
        .queryParam("kind", "request")
        .queryParam("type", "dev.modelmanager.gateway.request")
        .get(FEED)
        .then()
        .statusCode(200)
        .body("items.size()", org.hamcrest.Matchers.equalTo(0));
  }

  @Test
  void exportsEveryMatchingEntryAsCsvOrJsonLines() throws Exception {
    String model = "org/exp-" + uuid8();
    String actor = "eve, \"the\" exporter";
    Instant t = Instant.now();
    NotificationsTest.produce(
        "mm.weights",
        List.of(
            install("created", model, actor, t, 0),
            install("succeeded", model, actor, t.plusSeconds(1), 2_000_000)));
    awaitItems(asAdmin().queryParam("model", model), 2);

    Response csv =
        asAdmin().queryParam("format", "csv").queryParam("model", model).get(FEED + "/export");
    csv.then()
        .statusCode(200)
        .contentType(containsString("text/csv"))
        .header("Content-Disposition", containsString("activity.csv"));
    List<CSVRecord> rows;
    try (CSVParser parser =
        CSVFormat.RFC4180
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .build()
            .parse(new StringReader(csv.asString()))) {
      rows = parser.getRecords();
    }
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).get("actor")).isEqualTo(actor);
    assertThat(rows.get(0).get("summary")).contains("succeeded, 2.0 MB");
    assertThat(rows.get(1).get("type")).isEqualTo("dev.modelmanager.weights.install.created");

    Response jsonl =
        asAdmin().queryParam("format", "jsonl").queryParam("model", model).get(FEED + "/export");
    jsonl.then().statusCode(200).contentType(containsString("application/jsonl"));
    String[] lines = jsonl.asString().strip().split("\n");
    assertThat(lines).hasSize(2);
    JsonNode first = JSON.readTree(lines[0]);
    assertThat(first.get("model").asText()).isEqualTo(model);
    assertThat(first.get("outcome").asText()).isEqualTo("succeeded");

    Response json =
        asAdmin().queryParam("format", "json").queryParam("model", model).get(FEED + "/export");
    json.then()
        .statusCode(200)
        .contentType(containsString("application/json"))
        .header("Content-Disposition", containsString("activity.json"));
    JsonNode array = JSON.readTree(json.asString());
    assertThat(array.isArray()).isTrue();
    assertThat(array.size()).isEqualTo(2);
    assertThat(array.get(0)).isEqualTo(first);
  }

  @Test
  void badParametersAreProblemsAndACredentialIsNeeded() {
    for (Map<String, String> bad :
        List.of(
            Map.of("cursor", "abc"),
            Map.of("since", "yesterday"),
            Map.of("type", "not a pattern!"),
            Map.of("kind", "rumour"),
            Map.of("limit", "0"))) {
      asAdmin()
          .queryParams(bad)
          .get(FEED)
          .then()
          .statusCode(400)
          .contentType(containsString("application/problem+json"));
    }
    asAdmin()
        .queryParam("format", "xml")
        .get(FEED + "/export")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem(containsString("format")));
    RestAssured.given().get(FEED).then().statusCode(401);
    RestAssured.given().get(FEED + "/export").then().statusCode(401);
  }

  private static JsonPath awaitItems(RequestSpecification request, int count) {
    JsonPath[] last = new JsonPath[1];
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              last[0] = request.get(FEED).then().statusCode(200).extract().jsonPath();
              return last[0].getList("items").size() >= count;
            });
    return last[0];
  }

  private static List<Map<String, Object>> items(RequestSpecification request) {
    return request.get(FEED).then().statusCode(200).extract().jsonPath().getList("items");
  }

  private static String install(String verb, String model, String actor, Instant time, long bytes)
      throws Exception {
    Map<String, Object> data =
        Map.of(
            "id",
            UUID.randomUUID().toString(),
            "repo",
            model,
            "revision",
            "main",
            "location",
            "fast-nvme",
            "state",
            verb.toUpperCase(),
            "bytesTotal",
            bytes,
            "actor",
            actor);
    return JSON.writeValueAsString(
        Map.of(
            "specversion",
            "1.0",
            "id",
            UUID.randomUUID().toString(),
            "source",
            "/weights-service",
            "type",
            "dev.modelmanager.weights.install." + verb,
            "subject",
            "job-" + uuid8(),
            "time",
            time.toString(),
            "datacontenttype",
            "application/json",
            "data",
            data));
  }

  private static String uuid8() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
