package dev.modelmanager.testkit.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RequestLogTest {

  private static FakeHub hub;
  private static HubHttp http;

  @BeforeAll
  static void start() {
    hub = TestRepos.hubWithAll();
    http = new HubHttp(hub);
  }

  @BeforeEach
  void clear() {
    hub.clearRequests();
  }

  @AfterAll
  static void stop() {
    hub.close();
  }

  @Test
  void everyRequestIsRecordedWithStatusRangeAndBytes() {
    http.get("/api/models?search=bert&limit=1", "Authorization", "Bearer hf_abc");
    http.get("/" + TestRepos.BERT + "/resolve/main/tokenizer_config.json", "Range", "bytes=0-9");
    http.head("/nobody/nothing/resolve/main/x");

    List<RecordedRequest> requests = hub.requests();

    assertEquals(3, requests.size());
    RecordedRequest search = requests.get(0);
    assertEquals("GET", search.method());
    assertEquals("/api/models", search.path());
    assertEquals("search=bert&limit=1", search.query());
    assertEquals(200, search.status());
    assertEquals("hf_abc", search.token());
    assertTrue(search.bytesSent() > 100);
    RecordedRequest range = requests.get(1);
    assertEquals("bytes=0-9", range.range());
    assertEquals(206, range.status());
    assertEquals(10, range.bytesSent());
    assertEquals("HEAD", requests.get(2).method());
    assertEquals(404, requests.get(2).status());
    assertNull(requests.get(2).query());
  }

  @Test
  void countsAndBytesServedHelpAssertUpstreamCalls() {
    http.download("/" + TestRepos.TINY + "/resolve/main/model-00002-of-00002.safetensors");
    http.get("/" + TestRepos.TINY + "/resolve/main/config.json");
    long shardSize =
        hub.repo(TestRepos.TINY)
            .orElseThrow()
            .main()
            .files()
            .get("model-00002-of-00002.safetensors")
            .size();

    assertEquals(2, hub.count("/" + TestRepos.TINY + "/resolve/"));
    assertEquals(1, hub.count("/cdn/"), "exactly one CDN download");
    assertEquals(shardSize, hub.bytesServed("/cdn/**"));
    assertEquals(
        shardSize,
        hub.bytesServed("**/model-00002-of-00002.safetensors") - hub.requests().get(0).bytesSent());
    assertEquals(1, hub.requestLog().requests("/cdn/").size());
  }

  @Test
  void clearForgetsAndAdminCallsAreNotLogged() {
    http.get("/api/models");
    JsonNode logged = HubHttp.parse(http.get("/_fake/requests"));
    http.get("/_fake/faults");

    assertEquals(1, logged.size());
    assertEquals("/api/models", logged.get(0).path("path").asText());
    assertEquals(200, logged.get(0).path("status").asInt());
    assertTrue(
        logged.get(0).has("bytesSent")
            && logged.get(0).has("range")
            && logged.get(0).has("method"));
    assertEquals(1, hub.requests().size());
    http.delete("/_fake/requests");
    assertEquals(0, hub.requests().size());
  }
}
