package dev.modelmanager.testkit.hub;

import static dev.modelmanager.testkit.hub.HubHttp.header;
import static dev.modelmanager.testkit.hub.HubHttp.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ModelSearchTest {

  private static FakeHub hub;
  private static HubHttp http;

  @BeforeAll
  static void start() {
    hub = TestRepos.hubWithAll();
    for (int i = 0; i < 5; i++) {
      hub.addRepo(
          HubRepo.builder("acme/model-" + i)
              .textFile("config.json", "{}")
              .tags("acme", i % 2 == 0 ? "even" : "odd", "license:mit")
              .pipelineTag(i < 3 ? "text-generation" : "fill-mask")
              .downloads(100 * i)
              .likes(10 - i)
              .trendingScore(i)
              .createdAt(Instant.parse("2024-01-0" + (i + 1) + "T00:00:00Z"))
              .build());
    }
    http = new HubHttp(hub);
  }

  @AfterAll
  static void stop() {
    hub.close();
  }

  @Test
  void listEntriesHaveTheListShape() {
    JsonNode entry = http.json("/api/models?search=bert").get(0);
    List<String> keys = new ArrayList<>();
    entry.fieldNames().forEachRemaining(keys::add);

    assertEquals(
        List.of(
            "_id",
            "id",
            "likes",
            "trendingScore",
            "private",
            "downloads",
            "tags",
            "pipeline_tag",
            "library_name",
            "createdAt",
            "modelId"),
        keys);
  }

  @Test
  void searchAuthorFilterAndPipelineTag() {
    assertEquals(List.of(TestRepos.BERT), ids(http.json("/api/models?search=BERT-base")));
    assertEquals(5, http.json("/api/models?author=acme").size());
    assertEquals(
        List.of("acme/model-4", "acme/model-2", "acme/model-0"),
        ids(http.json("/api/models?filter=acme&filter=even")));
    assertEquals(
        List.of("acme/model-2", "acme/model-0"),
        ids(http.json("/api/models?filter=acme&filter=even&pipeline_tag=text-generation")));
    assertEquals(
        List.of(TestRepos.BERT),
        ids(http.json("/api/models?filter=fill-mask&filter=transformers")));
  }

  @Test
  void sortAndDirection() {
    assertEquals(
        List.of("acme/model-4", "acme/model-3", "acme/model-2", "acme/model-1", "acme/model-0"),
        ids(http.json("/api/models?author=acme&sort=downloads&direction=-1")));
    assertEquals(
        List.of("acme/model-0", "acme/model-1", "acme/model-2", "acme/model-3", "acme/model-4"),
        ids(http.json("/api/models?author=acme&sort=downloads&direction=1")));
    assertEquals("acme/model-0", ids(http.json("/api/models?author=acme&sort=likes")).get(0));
    assertEquals("acme/model-4", ids(http.json("/api/models?author=acme&sort=createdAt")).get(0));
    assertEquals(
        "acme/model-4", ids(http.json("/api/models?author=acme&sort=trendingScore")).get(0));
    assertEquals(TestRepos.TINY, ids(http.json("/api/models?sort=lastModified")).get(0));
  }

  @Test
  void limitPagesWithAnAbsoluteLinkHeader() {
    List<String> all = new ArrayList<>();
    String next = "/api/models?author=acme&sort=downloads&limit=2";
    int pages = 0;
    while (next != null) {
      HttpResponse<byte[]> response = http.get(next);
      all.addAll(ids(parse(response)));
      String link = header(response, "Link");
      next = null;
      if (link != null) {
        Matcher matcher =
            Pattern.compile(
                    "<(http://127\\.0\\.0\\.1:\\d+/api/models\\?[^>]*cursor=[^>]+)>; rel=\"next\"")
                .matcher(link);
        assertTrue(matcher.matches(), link);
        next = matcher.group(1);
      }
      pages++;
    }

    assertEquals(3, pages);
    assertEquals(
        List.of("acme/model-4", "acme/model-3", "acme/model-2", "acme/model-1", "acme/model-0"),
        all);
  }

  @Test
  void lastPageHasNoLink() {
    HttpResponse<byte[]> response = http.get("/api/models?author=acme&limit=5");

    assertEquals(5, parse(response).size());
    assertNull(header(response, "Link"));
  }

  @Test
  void fullConfigAndExpand() {
    JsonNode full = http.json("/api/models?search=tiny&full=true&config=true").get(0);
    JsonNode expanded =
        http.json("/api/models?search=tiny&expand[]=safetensors&expand[]=gated").get(0);

    assertTrue(
        full.has("siblings") && full.has("sha") && full.has("lastModified") && full.has("gated"));
    assertEquals("llama", full.path("config").path("model_type").asText());
    List<String> keys = new ArrayList<>();
    expanded.fieldNames().forEachRemaining(keys::add);
    assertEquals(List.of("_id", "id", "safetensors", "gated"), keys);
    assertEquals(223_552L, expanded.path("safetensors").path("total").asLong());
    assertFalse(expanded.has("downloads"));
  }

  @Test
  void privateReposAreListedOnlyForTheirToken() {
    assertFalse(ids(http.json("/api/models?search=private")).contains(TestRepos.PRIVATE));
    assertTrue(
        ids(http.json(
                "/api/models?search=private", "Authorization", "Bearer " + TestRepos.PRIVATE_TOKEN))
            .contains(TestRepos.PRIVATE));
  }

  @Test
  void modelsPageSizeCapsPages() {
    hub.modelsPageSize(1);
    try {
      HttpResponse<byte[]> response = http.get("/api/models?author=acme&limit=50");
      assertEquals(1, parse(response).size());
      assertTrue(header(response, "Link").contains("limit=50"));
    } finally {
      hub.modelsPageSize(1000);
    }
  }

  private static List<String> ids(JsonNode array) {
    List<String> ids = new ArrayList<>();
    array.forEach(e -> ids.add(e.path("id").asText()));
    return ids;
  }
}
