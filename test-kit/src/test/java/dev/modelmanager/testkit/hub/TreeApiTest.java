package dev.modelmanager.testkit.hub;

import static dev.modelmanager.testkit.hub.HubHttp.header;
import static dev.modelmanager.testkit.hub.HubHttp.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TreeApiTest {

  private static FakeHub hub;
  private static HubHttp http;
  private static RepoRevision tiny;

  @BeforeAll
  static void start() {
    hub = TestRepos.hubWithAll();
    http = new HubHttp(hub);
    tiny = hub.repo(TestRepos.TINY).orElseThrow().main();
  }

  @AfterAll
  static void stop() {
    hub.close();
  }

  @Test
  void rootListingHasFilesAndDirectoriesWithTheRealEntryShape() {
    JsonNode tree = http.json("/api/models/" + TestRepos.TINY + "/tree/main");

    assertEquals(
        List.of(
            "config.json",
            "model-00001-of-00002.safetensors",
            "model-00002-of-00002.safetensors",
            "model.safetensors.index.json",
            "original"),
        paths(tree));
    JsonNode config = tree.get(0);
    assertEquals(List.of("type", "oid", "size", "path"), keys(config));
    assertEquals("file", config.path("type").asText());
    assertEquals(tiny.files().get("config.json").gitSha1(), config.path("oid").asText());
    assertEquals(tiny.files().get("config.json").size(), config.path("size").asLong());
    JsonNode directory = tree.get(4);
    assertEquals("directory", directory.path("type").asText());
    assertEquals(0, directory.path("size").asLong());
    assertTrue(directory.path("oid").asText().matches("[0-9a-f]{40}"));
  }

  @Test
  void lfsEntriesCarryPointerOidAndSha256() {
    JsonNode shard = http.json("/api/models/" + TestRepos.TINY + "/tree/main").get(1);
    HubFile file = tiny.files().get("model-00001-of-00002.safetensors");

    assertEquals(List.of("type", "oid", "size", "path", "lfs"), keys(shard));
    assertEquals(LfsPointer.pointerOid(file.sha256(), file.size()), shard.path("oid").asText());
    assertEquals(file.sha256(), shard.path("lfs").path("oid").asText());
    assertEquals(file.size(), shard.path("lfs").path("size").asLong());
    assertEquals(shard.path("size").asLong(), shard.path("lfs").path("size").asLong());
    assertEquals(
        LfsPointer.pointer(file.sha256(), file.size()).length,
        shard.path("lfs").path("pointerSize").asInt());
  }

  @Test
  void recursiveAndSubPaths() {
    List<String> recursive =
        paths(http.json("/api/models/" + TestRepos.TINY + "/tree/main?recursive=true"));
    List<String> recursiveOne =
        paths(http.json("/api/models/" + TestRepos.TINY + "/tree/main?recursive=1"));
    List<String> original =
        paths(http.json("/api/models/" + TestRepos.TINY + "/tree/main/original"));
    List<String> deep =
        paths(http.json("/api/models/" + TestRepos.TINY + "/tree/main/original/deep"));

    assertTrue(
        recursive.containsAll(
            List.of(
                "original", "original/deep", "original/deep/notes.txt", "original/params.json")));
    assertEquals(recursive, recursiveOne);
    assertEquals(List.of("original/deep", "original/params.json"), original);
    assertEquals(List.of("original/deep/notes.txt"), deep);
  }

  @Test
  void expandAddsLastCommit() {
    JsonNode entry = http.json("/api/models/" + TestRepos.TINY + "/tree/main?expand=true").get(0);

    assertEquals(tiny.sha(), entry.path("lastCommit").path("id").asText());
    assertEquals("2025-02-01T00:00:00.000Z", entry.path("lastCommit").path("date").asText());
    assertFalse(entry.path("lastCommit").path("title").asText().isEmpty());
    assertEquals("safe", entry.path("securityFileStatus").path("status").asText());
  }

  @Test
  void pagesWithLinkHeaderWhenOverThePageSize() {
    hub.treePageSize(3);
    try {
      List<String> all = new ArrayList<>();
      String next =
          hub.url() + "/api/models/" + TestRepos.TINY + "/tree/main?recursive=true&expand=false";
      int pages = 0;
      while (next != null) {
        HttpResponse<byte[]> response = http.get(next);
        all.addAll(paths(parse(response)));
        String link = header(response, "Link");
        next = link == null ? null : link.substring(1, link.indexOf(">; rel=\"next\""));
        pages++;
      }
      hub.treePageSize(1000);
      assertEquals(
          paths(http.json("/api/models/" + TestRepos.TINY + "/tree/main?recursive=true")), all);
      assertEquals(3, pages);
      assertEquals(8, all.size());
    } finally {
      hub.treePageSize(1000);
    }
  }

  @Test
  void lastPageHasNoLinkAndRevisionsWork() {
    HttpResponse<byte[]> response =
        http.get("/api/models/" + TestRepos.BERT + "/tree/" + TestRepos.BERT_OLD_SHA);

    assertNull(header(response, "Link"));
    assertFalse(paths(parse(response)).contains("model.safetensors"));
    assertTrue(
        paths(http.json("/api/models/" + TestRepos.BERT + "/tree/main"))
            .contains("model.safetensors"));
  }

  @Test
  void errors() {
    HttpResponse<byte[]> badPath = http.get("/api/models/" + TestRepos.TINY + "/tree/main/nope");
    HttpResponse<byte[]> badRevision = http.get("/api/models/" + TestRepos.TINY + "/tree/nope");
    HttpResponse<byte[]> privateRepo = http.get("/api/models/" + TestRepos.PRIVATE + "/tree/main");
    HttpResponse<byte[]> renamed =
        http.get("/api/models/bert-base-uncased/tree/main?recursive=true");

    assertEquals(404, badPath.statusCode());
    assertEquals("EntryNotFound", header(badPath, "X-Error-Code"));
    assertEquals(404, badRevision.statusCode());
    assertEquals("RevisionNotFound", header(badRevision, "X-Error-Code"));
    assertEquals(401, privateRepo.statusCode());
    assertEquals(307, renamed.statusCode());
    assertEquals(
        "/api/models/google-bert/bert-base-uncased/tree/main?recursive=true",
        header(renamed, "Location"));
  }

  @Test
  void pathsInfoAcceptsJsonAndForms() {
    HttpResponse<byte[]> json =
        http.post(
            "/api/models/" + TestRepos.TINY + "/paths-info/main",
            "application/json",
            "{\"paths\":[\"config.json\",\"original\",\"missing.txt\"],\"expand\":true}");
    HttpResponse<byte[]> form =
        http.post(
            "/api/models/" + TestRepos.TINY + "/paths-info/main",
            "application/x-www-form-urlencoded",
            "paths=model-00002-of-00002.safetensors&expand=false");

    assertEquals(List.of("config.json", "original"), paths(parse(json)));
    assertTrue(parse(json).get(0).has("lastCommit"));
    assertEquals(
        tiny.files().get("model-00002-of-00002.safetensors").sha256(),
        parse(form).get(0).path("lfs").path("oid").asText());
  }

  static List<String> paths(JsonNode tree) {
    List<String> paths = new ArrayList<>();
    tree.forEach(e -> paths.add(e.path("path").asText()));
    return paths;
  }

  private static List<String> keys(JsonNode node) {
    List<String> keys = new ArrayList<>();
    node.fieldNames().forEachRemaining(keys::add);
    return keys;
  }
}
