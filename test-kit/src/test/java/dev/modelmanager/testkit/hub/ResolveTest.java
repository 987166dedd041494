package dev.modelmanager.testkit.hub;

import static dev.modelmanager.testkit.hub.HubHttp.header;
import static dev.modelmanager.testkit.hub.HubHttp.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ResolveTest {

  private static final String SHARD = "model-00001-of-00002.safetensors";

  private static FakeHub hub;
  private static HubHttp http;
  private static HubFile shard;

  @BeforeAll
  static void start() {
    hub = TestRepos.hubWithAll();
    hub.addRepo(
        HubRepo.builder("mm-test/odd-names")
            .textFile("with space.txt", "spaced")
            .textFile("dir/a+b.json", "{}")
            .build());
    http = new HubHttp(hub);
    shard = hub.repo(TestRepos.TINY).orElseThrow().main().files().get(SHARD);
  }

  @AfterAll
  static void stop() {
    hub.close();
  }

  @Test
  void smallFileIsServedWithGitSha1EtagAsTheRealHub() {
    // file-download-info__facts.json: bert tokenizer_config.json at 1a7dd49 is 28 bytes, etag
    // a661b1a1...
    HttpResponse<byte[]> response =
        http.get(
            "/" + TestRepos.BERT + "/resolve/" + TestRepos.BERT_OLD_SHA + "/tokenizer_config.json");

    assertEquals(200, response.statusCode());
    assertEquals("\"a661b1a138dac6dc5590367402d100765010ffd6\"", header(response, "ETag"));
    assertEquals("28", header(response, "Content-Length"));
    assertEquals(TestRepos.BERT_OLD_SHA, header(response, "X-Repo-Commit"));
    assertEquals("bytes", header(response, "Accept-Ranges"));
    assertEquals(
        "inline; filename*=UTF-8''tokenizer_config.json; filename=\"tokenizer_config.json\";",
        header(response, "Content-Disposition"));
    assertEquals(HubFileTest.BERT_TOKENIZER_CONFIG, text(response));
    assertNull(header(response, "X-Linked-Etag"));
  }

  @Test
  void headHasTheSameHeadersAndNoBody() {
    HttpResponse<byte[]> head =
        http.head(
            "/" + TestRepos.BERT + "/resolve/main/tokenizer_config.json",
            "Accept-Encoding",
            "identity");

    assertEquals(200, head.statusCode());
    assertEquals("28", header(head, "Content-Length"));
    assertEquals(TestRepos.BERT_SHA, header(head, "X-Repo-Commit"));
    assertEquals("\"a661b1a138dac6dc5590367402d100765010ffd6\"", header(head, "ETag"));
    assertEquals(0, head.body().length);
  }

  @Test
  void lfsFileRedirectsToTheCdnWithLinkedEtagAndSize() {
    HttpResponse<byte[]> head = http.head("/" + TestRepos.TINY + "/resolve/main/" + SHARD);
    HttpResponse<byte[]> get = http.get("/" + TestRepos.TINY + "/resolve/main/" + SHARD);

    assertEquals(302, head.statusCode());
    assertEquals("\"" + shard.sha256() + "\"", header(head, "X-Linked-Etag"));
    assertEquals("\"" + shard.sha256() + "\"", header(head, "ETag"));
    assertEquals(Long.toString(shard.size()), header(head, "X-Linked-Size"));
    assertEquals(
        hub.repo(TestRepos.TINY).orElseThrow().main().sha(), header(head, "X-Repo-Commit"));
    assertTrue(
        header(head, "Location")
            .startsWith(
                hub.url() + "/cdn/" + shard.sha256() + "/" + TestRepos.TINY + "/" + SHARD + "?"));
    assertEquals(0, head.body().length);
    assertEquals(302, get.statusCode());
    assertEquals("Found. Redirecting to " + header(get, "Location"), text(get));
    assertEquals(Integer.toString(get.body().length), header(get, "Content-Length"));
  }

  @Test
  void cdnServesTheBytesWithRanges() {
    String cdn = header(http.head("/" + TestRepos.TINY + "/resolve/main/" + SHARD), "Location");
    byte[] all = shard.readAllBytes();
    long size = shard.size();

    HttpResponse<byte[]> full = http.get(cdn);
    HttpResponse<byte[]> first = http.get(cdn, "Range", "bytes=0-15");
    HttpResponse<byte[]> open = http.get(cdn, "Range", "bytes=1000-");
    HttpResponse<byte[]> suffix = http.get(cdn, "Range", "bytes=-16");
    HttpResponse<byte[]> clamped =
        http.get(cdn, "Range", "bytes=" + (size - 4) + "-" + (size + 100));
    HttpResponse<byte[]> beyond = http.get(cdn, "Range", "bytes=" + size + "-");
    HttpResponse<byte[]> multi = http.get(cdn, "Range", "bytes=0-1,5-6");

    assertEquals(200, full.statusCode());
    assertArrayEquals(all, full.body());
    assertEquals("\"" + shard.sha256() + "\"", header(full, "ETag"));
    assertEquals(206, first.statusCode());
    assertEquals("bytes 0-15/" + size, header(first, "Content-Range"));
    assertArrayEquals(Arrays.copyOf(all, 16), first.body());
    assertEquals("bytes 1000-" + (size - 1) + "/" + size, header(open, "Content-Range"));
    assertArrayEquals(Arrays.copyOfRange(all, 1000, all.length), open.body());
    assertArrayEquals(Arrays.copyOfRange(all, all.length - 16, all.length), suffix.body());
    assertEquals(
        "bytes " + (size - 4) + "-" + (size - 1) + "/" + size, header(clamped, "Content-Range"));
    assertEquals(416, beyond.statusCode());
    assertEquals("bytes */" + size, header(beyond, "Content-Range"));
    assertEquals(200, multi.statusCode());
  }

  @Test
  void smallFilesHonourRangesAndIfRange() {
    String path = "/" + TestRepos.BERT + "/resolve/main/tokenizer_config.json";
    String etag = "\"a661b1a138dac6dc5590367402d100765010ffd6\"";

    HttpResponse<byte[]> probe = http.get(path, "Range", "bytes=0-0");
    HttpResponse<byte[]> matching = http.get(path, "Range", "bytes=2-5", "If-Range", etag);
    HttpResponse<byte[]> stale = http.get(path, "Range", "bytes=2-5", "If-Range", "\"other\"");

    assertEquals(206, probe.statusCode());
    assertEquals("bytes 0-0/28", header(probe, "Content-Range"));
    assertEquals("{", text(probe));
    assertEquals(206, matching.statusCode());
    assertEquals(200, stale.statusCode());
    assertEquals(28, stale.body().length);
  }

  @Test
  void rawReturnsTheLfsPointer() {
    HttpResponse<byte[]> raw = http.get("/" + TestRepos.TINY + "/raw/main/" + SHARD);

    assertEquals(200, raw.statusCode());
    assertArrayEquals(LfsPointer.pointer(shard.sha256(), shard.size()), raw.body());
    assertEquals(
        "\"" + LfsPointer.pointerOid(shard.sha256(), shard.size()) + "\"", header(raw, "ETag"));
  }

  @Test
  void errorsLikeTheHub() {
    HttpResponse<byte[]> missingFile = http.get("/" + TestRepos.BERT + "/resolve/main/nope.bin");
    HttpResponse<byte[]> missingRevision =
        http.get("/" + TestRepos.BERT + "/resolve/nope/config.json");
    HttpResponse<byte[]> missingRepo = http.head("/nobody/nothing/resolve/main/config.json");

    assertEquals(404, missingFile.statusCode());
    assertEquals("EntryNotFound", header(missingFile, "X-Error-Code"));
    assertEquals(
        TestRepos.BERT_SHA,
        header(missingFile, "X-Repo-Commit"),
        "clients cache the miss per commit");
    assertEquals("{\"error\":\"Entry not found\"}", text(missingFile));
    assertEquals(404, missingRevision.statusCode());
    assertEquals("RevisionNotFound", header(missingRevision, "X-Error-Code"));
    assertEquals(404, missingRepo.statusCode());
    assertEquals("RepoNotFound", header(missingRepo, "X-Error-Code"));
  }

  @Test
  void gatedAndPrivateFilesNeedTokens() {
    String gated = "/" + TestRepos.GATED + "/resolve/main/config.json";
    String privateFile = "/" + TestRepos.PRIVATE + "/resolve/main/config.json";

    HttpResponse<byte[]> anonymous = http.get(gated);
    HttpResponse<byte[]> notAccepted = http.get(gated, "Authorization", "Bearer hf_someone_else");
    HttpResponse<byte[]> accepted =
        http.get(gated, "Authorization", "Bearer " + TestRepos.GATED_TOKEN);

    assertEquals(403, anonymous.statusCode());
    assertEquals("GatedRepo", header(anonymous, "X-Error-Code"));
    assertTrue(HubHttp.parse(anonymous).path("error").asText().contains("restricted"));
    assertEquals(403, notAccepted.statusCode());
    assertEquals(200, accepted.statusCode());
    assertEquals(401, http.get(privateFile).statusCode());
    assertEquals(
        200,
        http.get(privateFile, "Authorization", "Bearer " + TestRepos.PRIVATE_TOKEN).statusCode());
  }

  @Test
  void renamedRepoResolvesThroughARelative307() {
    HttpResponse<byte[]> response = http.head("/bert-base-uncased/resolve/main/config.json");
    HttpResponse<byte[]> llama =
        http.get("/meta-llama/Meta-Llama-3.1-8B-Instruct/resolve/main/config.json?download=true");

    assertEquals(307, response.statusCode());
    assertEquals(
        "/google-bert/bert-base-uncased/resolve/main/config.json", header(response, "Location"));
    assertEquals(
        "/meta-llama/Llama-3.1-8B-Instruct/resolve/main/config.json?download=true",
        header(llama, "Location"));
  }

  @Test
  void downloadFlagAndEncodedPaths() {
    HttpResponse<byte[]> attachment =
        http.get("/" + TestRepos.BERT + "/resolve/main/vocab.txt?download=true");
    HttpResponse<byte[]> spaced = http.get("/mm-test/odd-names/resolve/main/with%20space.txt");
    HttpResponse<byte[]> plus = http.get("/mm-test/odd-names/resolve/main/dir/a+b.json");

    assertTrue(header(attachment, "Content-Disposition").startsWith("attachment; "));
    assertEquals("spaced", text(spaced));
    assertEquals("{}", text(plus));
  }

  @Test
  void servesSparseFilesBeyondTwoGigabytes() {
    long size = (2L << 30) + 12_345;
    HubFile big = HubFile.generated("GGUF".getBytes(StandardCharsets.US_ASCII), size, "big");
    hub.addRepo(HubRepo.builder("mm-test/big").file("big.gguf", big).build());

    String cdn = header(http.head("/mm-test/big/resolve/main/big.gguf"), "Location");
    HttpResponse<byte[]> tail = http.get(cdn, "Range", "bytes=-16");
    HttpResponse<byte[]> head = http.head(cdn);

    assertEquals(206, tail.statusCode());
    assertEquals(
        "bytes " + (size - 16) + "-" + (size - 1) + "/" + size, header(tail, "Content-Range"));
    assertArrayEquals(big.read(size - 16, 16), tail.body());
    assertEquals(Long.toString(size), header(head, "Content-Length"));
  }

  @Test
  void connectionsAreKeptAlive() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", hub.port())) {
      OutputStream out = socket.getOutputStream();
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
      for (int i = 0; i < 2; i++) {
        out.write(
            ("HEAD /"
                    + TestRepos.BERT
                    + "/resolve/main/tokenizer_config.json HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        assertTrue(
            in.readLine().startsWith("HTTP/1.1 200"), "response " + i + " on the same connection");
        String line;
        while (!(line = in.readLine()).isEmpty()) {
          assertTrue(!line.toLowerCase().startsWith("connection: close"), line);
        }
      }
    }
  }
}
