package dev.modelmanager.testkit.hub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HubFileTest {

  /**
   * bert-base-uncased tokenizer_config.json at 1a7dd49: 28 bytes, ETag a661b1a1...
   * (file-download-info__facts.json).
   */
  static final String BERT_TOKENIZER_CONFIG = "{\n  \"do_lower_case\": true\n}\n";

  @Test
  void gitSha1IsTheHubsEtagOfASmallFile() {
    HubFile file = HubFile.ofString(BERT_TOKENIZER_CONFIG);

    assertEquals(28, file.size());
    assertEquals("a661b1a138dac6dc5590367402d100765010ffd6", file.gitSha1());
  }

  @Test
  void lfsPointerOidsMatchTheRealTree() {
    // tree__google-bert__bert-base-uncased@dd4bc8b.json: oid = git sha1 of the pointer file.
    assertEquals(
        "9eb98c817f04b051b3bcca591bcd4e03cec88018",
        LfsPointer.pointerOid(
            "a7a17d6d844b5de815ccab5f42cad6d24496db3850a2a43d8258221018ce87d2", 536_063_208L));
    assertEquals(
        "ba5d19791be1dd7992e33bd61f20207b0f7f50a5",
        LfsPointer.pointerOid(
            "097417381d6c7230bd9e3557456d726de6e83245ec8b24f529f60198a67b203a", 440_473_133L));
    assertEquals(
        134,
        LfsPointer.pointer(
                "a7a17d6d844b5de815ccab5f42cad6d24496db3850a2a43d8258221018ce87d2", 536_063_208L)
            .length);
  }

  @Test
  void lfsRulesFollowSizeAndExtension() {
    assertTrue(LfsPointer.isLfs("model.safetensors", 10));
    assertTrue(LfsPointer.isLfs("original/consolidated.00.pth", 10));
    assertTrue(LfsPointer.isLfs("pytorch_model.bin", 10));
    assertTrue(LfsPointer.isLfs("model-q4.gguf", 10));
    assertTrue(LfsPointer.isLfs("tokenizer.json", 10L << 20));
    assertFalse(LfsPointer.isLfs("tokenizer.json", (10L << 20) - 1));
    assertFalse(LfsPointer.isLfs("config.json", 313));
    assertFalse(LfsPointer.isLfs(".gitattributes", 345));
  }

  @Test
  void hashesAreComputedOnceByStreaming() throws Exception {
    byte[] prefix = "header".getBytes(StandardCharsets.US_ASCII);
    HubFile file = HubFile.generated(prefix, 3_000_000, "seed");

    byte[] all = file.readAllBytes();
    String sha256 = file.sha256();

    assertEquals(
        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(all)), sha256);
    assertSame(sha256, file.sha256(), "cached");
    assertEquals(Hashes.gitBlobSha1(all), file.gitSha1());
    assertArrayEquals(prefix, file.read(0, 6));
  }

  @Test
  void streamsStartAtAnyOffset() throws Exception {
    HubFile file = HubFile.generated(new byte[10], 1_000_000, "x");
    byte[] all = file.readAllBytes();

    try (var in = file.open(654_321)) {
      assertArrayEquals(java.util.Arrays.copyOfRange(all, 654_321, 1_000_000), in.readAllBytes());
    }
    try (var in = file.open(5)) {
      assertEquals(100, in.skip(100));
      assertEquals(all[105] & 0xff, in.read());
    }
  }

  @Test
  void filesOnDiskAreServedAsTheyAre(@TempDir Path dir) throws Exception {
    Path path = dir.resolve("vocab.txt");
    Files.writeString(path, "hello\nworld\n");

    HubFile file = HubFile.ofPath(path);

    assertEquals(12, file.size());
    assertEquals(
        Hashes.gitBlobSha1("hello\nworld\n".getBytes(StandardCharsets.UTF_8)), file.gitSha1());
    assertArrayEquals("world\n".getBytes(StandardCharsets.UTF_8), file.read(6, 100));
    assertEquals(file.fingerprint(), HubFile.ofBytes(Files.readAllBytes(path)).fingerprint());
  }

  @Test
  void pathPatternsUnderstandGlobsAndRegexes() {
    assertTrue(
        PathPattern.of("**/model-*.safetensors")
            .matches("/org/name/resolve/main/model-00001-of-00002.safetensors"));
    assertTrue(PathPattern.of("glob:/api/models/*/*").matches("/api/models/org/name"));
    assertFalse(PathPattern.of("glob:/api/models/*/*").matches("/api/models/org/name/tree/main"));
    assertTrue(PathPattern.of("/cdn/**").matches("/cdn/abc/org/name/x.bin"));
    assertTrue(PathPattern.of("regex:^/api/").matches("/api/models"));
    assertFalse(PathPattern.of("regex:^/api/").matches("/org/api/x"));
    assertTrue(PathPattern.of(null).matches("/anything"));
  }
}
