package dev.modelmanager.testkit.hub;

import static dev.modelmanager.testkit.hub.HubHttp.header;
import static dev.modelmanager.testkit.hub.HubHttp.parse;
import static dev.modelmanager.testkit.hub.HubHttp.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ModelApiTest {

  private static FakeHub hub;
  private static HubHttp http;

  @BeforeAll
  static void start() {
    hub = TestRepos.hubWithAll();
    http = new HubHttp(hub);
  }

  @AfterAll
  static void stop() {
    hub.close();
  }

  @Test
  void modelInfoHasTheFieldsOfTheRealResponseInItsOrder() {
    HttpResponse<byte[]> response = http.get("/api/models/" + TestRepos.BERT);
    JsonNode info = parse(response);

    List<String> keys = new ArrayList<>();
    info.fieldNames().forEachRemaining(keys::add);
    List<String> fixtureOrder = new ArrayList<>(TestRepos.BERT_FIXTURE_KEYS);
    fixtureOrder.retainAll(keys);
    assertEquals(fixtureOrder, keys, "same keys, same order as the captured body");
    assertEquals("621ffdc036468d709f174338", info.path("_id").asText());
    assertEquals(TestRepos.BERT, info.path("id").asText());
    assertEquals(TestRepos.BERT, info.path("modelId").asText());
    assertEquals("google-bert", info.path("author").asText());
    assertEquals(TestRepos.BERT_SHA, info.path("sha").asText());
    assertEquals("2024-02-19T11:06:12.000Z", info.path("lastModified").asText());
    assertEquals("2022-03-02T23:29:04.000Z", info.path("createdAt").asText());
    assertTrue(info.path("gated").isBoolean() && !info.path("gated").asBoolean());
    assertFalse(info.path("private").asBoolean());
    assertFalse(info.path("disabled").asBoolean());
    assertEquals("fill-mask", info.path("pipeline_tag").asText());
    assertEquals("apache-2.0", info.path("cardData").path("license").asText());
  }

  @Test
  void modelInfoDerivesConfigSiblingsSafetensorsAndStorage() {
    JsonNode info = http.json("/api/models/" + TestRepos.BERT);

    assertEquals(
        "{\"architectures\":[\"BertForMaskedLM\"],\"model_type\":\"bert\",\"tokenizer_config\":{}}",
        info.path("config").toString());
    assertEquals(".gitattributes", info.path("siblings").get(0).path("rfilename").asText());
    assertEquals(
        "coreml/fill-mask/float32_model.mlpackage/Manifest.json",
        info.path("siblings").get(3).path("rfilename").asText());
    long params = 768 + 30522L * 768;
    assertEquals(
        "{\"parameters\":{\"F32\":" + params + "},\"total\":" + params + "}",
        info.path("safetensors").toString());
    long storage =
        hub.repo(TestRepos.BERT).orElseThrow().main().files().values().stream()
            .mapToLong(HubFile::size)
            .sum();
    assertEquals(storage, info.path("usedStorage").asLong());
    assertEquals("AutoModelForMaskedLM", info.path("transformersInfo").path("auto_model").asText());
    assertEquals(2, info.path("spaces").size());
  }

  @Test
  void apiResponsesCarryTheHubHeadersButNoRepoCommit() {
    HttpResponse<byte[]> response = http.get("/api/models/" + TestRepos.BERT);

    assertEquals("application/json; charset=utf-8", header(response, "Content-Type"));
    assertTrue(
        header(response, "ETag").matches("W/\"[0-9a-f]+-[A-Za-z0-9+/]{27}\""),
        header(response, "ETag"));
    assertTrue(
        header(response, "Access-Control-Expose-Headers")
            .contains("X-Repo-Commit,X-Request-Id,X-Error-Code"));
    assertTrue(header(response, "X-Request-Id").startsWith("Root=1-"));
    assertEquals(response.body().length, Integer.parseInt(header(response, "Content-Length")));
    assertNull(header(response, "X-Repo-Commit"));
  }

  @Test
  void expandReturnsOnlyIdAndTheExpandedFields() {
    JsonNode expanded =
        http.json(
            "/api/models/"
                + TestRepos.GATED
                + "?expand[]=safetensors&expand[]=config&expand[]=cardData"
                + "&expand[]=downloads&expand[]=likes"
                + "&expand[]=tags&expand[]=pipeline_tag&expand[]=library_name&expand[]=gated");
    List<String> keys = new ArrayList<>();
    expanded.fieldNames().forEachRemaining(keys::add);

    // cardData and safetensors are absent: the repo has neither, as the Hub leaves them out.
    assertEquals(
        List.of(
            "_id",
            "id",
            "config",
            "downloads",
            "likes",
            "tags",
            "pipeline_tag",
            "library_name",
            "gated"),
        keys);
    assertEquals("manual", expanded.path("gated").asText());
    assertEquals(
        "{\"architectures\":[\"LlamaForCausalLM\"],\"model_type\":\"llama\"}",
        expanded.path("config").toString());
  }

  @Test
  void expandWithoutBracketsAndUnknownExpand() {
    JsonNode plain =
        http.json("/api/models/" + TestRepos.BERT + "?expand=sha&expand=downloadsAllTime");
    HttpResponse<byte[]> bad =
        http.get("/api/models/" + TestRepos.BERT + "?expand[]=sha&expand[]=nonsense");

    assertEquals(TestRepos.BERT_SHA, plain.path("sha").asText());
    assertEquals(72_376_843L, plain.path("downloadsAllTime").asLong());
    assertEquals(4, plain.size());
    assertEquals(400, bad.statusCode());
    assertTrue(parse(bad).path("error").asText().startsWith("\"expand[1]\" must be one of ["));
  }

  @Test
  void revisionsResolveByNameShaAndHead() {
    JsonNode old = http.json("/api/models/" + TestRepos.BERT + "/revision/v1.0");
    JsonNode bySha =
        http.json("/api/models/" + TestRepos.BERT + "/revision/" + TestRepos.BERT_OLD_SHA);
    JsonNode head = http.json("/api/models/" + TestRepos.BERT + "/revision/HEAD");
    HttpResponse<byte[]> missing = http.get("/api/models/" + TestRepos.BERT + "/revision/nope");

    assertEquals(TestRepos.BERT_OLD_SHA, old.path("sha").asText());
    assertFalse(old.has("safetensors"), "v1.0 has no safetensors file");
    assertEquals(old, bySha);
    assertEquals(TestRepos.BERT_SHA, head.path("sha").asText());
    assertEquals(404, missing.statusCode());
    assertEquals("RevisionNotFound", header(missing, "X-Error-Code"));
  }

  @Test
  void derivedShasAreDeterministic() {
    String first = TestRepos.tiny("a/b").main().sha();

    assertTrue(first.matches("[0-9a-f]{40}"));
    assertEquals(first, TestRepos.tiny("a/b").main().sha());
    assertFalse(first.equals(TestRepos.tiny("a/c").main().sha()));
  }

  @Test
  void renamedReposAnswer307WithTheFixturesRelativeLocationAndBody() {
    HttpResponse<byte[]> bert = http.get("/api/models/bert-base-uncased");
    HttpResponse<byte[]> llama = http.get("/api/models/meta-llama/Meta-Llama-3.1-8B-Instruct");

    assertEquals(307, bert.statusCode());
    assertEquals("/api/models/google-bert/bert-base-uncased", header(bert, "Location"));
    assertEquals(
        "Temporary Redirect. Redirecting to /api/models/google-bert/bert-base-uncased", text(bert));
    assertEquals("76", header(bert, "Content-Length"));
    assertEquals("text/plain; charset=utf-8", header(bert, "Content-Type"));
    assertEquals(307, llama.statusCode());
    assertEquals("/api/models/meta-llama/Llama-3.1-8B-Instruct", header(llama, "Location"));
    assertEquals("79", header(llama, "Content-Length"));
    assertEquals(
        "/api/models/google-bert/bert-base-uncased/revision/main?expand=sha",
        header(http.get("/api/models/bert-base-uncased/revision/main?expand=sha"), "Location"));
  }

  @Test
  void fixtureBodiesOfRenamedReposAreMatchedByteForByte() throws Exception {
    Assumptions.assumeTrue(HubHttp.hasSharedFixtures(), "shared fixtures not mounted");
    String bertFixture =
        Files.readString(
            HubHttp.sharedFixture("hub-api/model_info_307_redirect__bert-base-uncased.body.txt"));
    String llamaFixture =
        Files.readString(
            HubHttp.sharedFixture(
                "hub-api/model_info_307_redirect__meta-llama__"
                    + "Meta-Llama-3.1-8B-Instruct.body.txt"));

    assertEquals(bertFixture.strip(), text(http.get("/api/models/bert-base-uncased")));
    assertEquals(
        llamaFixture.strip(), text(http.get("/api/models/meta-llama/Meta-Llama-3.1-8B-Instruct")));
  }

  @Test
  void missingRepoIs404RepoNotFound() {
    HttpResponse<byte[]> response = http.get("/api/models/nobody/nothing");

    assertEquals(404, response.statusCode());
    assertEquals("RepoNotFound", header(response, "X-Error-Code"));
    assertEquals("Repository not found", header(response, "X-Error-Message"));
    assertEquals("{\"error\":\"Repository not found\"}", text(response));
  }

  @Test
  void privateRepoNeedsItsToken() {
    String path = "/api/models/" + TestRepos.PRIVATE;

    HttpResponse<byte[]> anonymous = http.get(path);
    HttpResponse<byte[]> wrong = http.get(path, "Authorization", "Bearer hf_wrong");
    HttpResponse<byte[]> right =
        http.get(path, "Authorization", "Bearer " + TestRepos.PRIVATE_TOKEN);

    assertEquals(401, anonymous.statusCode());
    assertEquals("RepoNotFound", header(anonymous, "X-Error-Code"));
    assertEquals(401, wrong.statusCode());
    assertEquals(200, right.statusCode());
    assertTrue(parse(right).path("private").asBoolean());
  }

  @Test
  void gatedRepoInfoIsPublic() {
    JsonNode info = http.json("/api/models/" + TestRepos.GATED);

    assertEquals("manual", info.path("gated").asText());
  }

  @Test
  void blobsAddSizesAndLfsToSiblings() {
    JsonNode info = http.json("/api/models/" + TestRepos.TINY + "?blobs=true");
    JsonNode shard = find(info.path("siblings"), "model-00001-of-00002.safetensors");
    JsonNode config = find(info.path("siblings"), "config.json");
    HubFile file =
        hub.repo(TestRepos.TINY)
            .orElseThrow()
            .main()
            .files()
            .get("model-00001-of-00002.safetensors");

    assertEquals(file.sha256(), shard.path("lfs").path("sha256").asText());
    assertEquals(file.size(), shard.path("size").asLong());
    assertEquals(LfsPointer.pointerOid(file.sha256(), file.size()), shard.path("blobId").asText());
    assertFalse(config.has("lfs"));
    assertEquals(
        hub.repo(TestRepos.TINY).orElseThrow().main().files().get("config.json").gitSha1(),
        config.path("blobId").asText());
  }

  private static JsonNode find(JsonNode siblings, String name) {
    for (JsonNode sibling : siblings) {
      if (sibling.path("rfilename").asText().equals(name)) {
        return sibling;
      }
    }
    throw new AssertionError(name + " not in " + siblings);
  }
}
