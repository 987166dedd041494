package dev.modelmanager.weights;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads a location the way {@code huggingface_hub} does offline ({@code HF_HUB_OFFLINE=1}): ref →
 * commit → {@code snapshots/{commit}/{path}} → relative symlink into {@code blobs/} whose content
 * matches its name (sha256 for LFS files, git blob sha1 otherwise).
 */
final class HfCacheCheck {
  private HfCacheCheck() {}

  static void assertReadable(
      Path location, String repo, String revision, String commit, List<String> expected)
      throws Exception {
    Path repoDir = location.resolve("models--" + repo.replace("/", "--"));
    assertThat(Files.readString(repoDir.resolve("refs").resolve(revision))).isEqualTo(commit);
    Path snapshot = repoDir.resolve("snapshots").resolve(commit);
    for (String path : expected) {
      assertThat(snapshot.resolve(path)).as(path).exists();
    }
    // snapshots/{commit} is a symlink to its tree (an atomic swap); follow it like a reader does.
    assertThat(snapshot).isDirectory();
    try (Stream<Path> files = Files.walk(snapshot, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
      for (Path link : files.filter(p -> !Files.isDirectory(p)).toList()) {
        assertThat(Files.isSymbolicLink(link)).as(link + " is a symlink").isTrue();
        Path target = Files.readSymbolicLink(link);
        assertThat(target.isAbsolute()).as(link + " links relatively").isFalse();
        Path blob = link.getParent().resolve(target).normalize();
        assertThat(blob.getParent()).isEqualTo(repoDir.resolve("blobs"));
        String name = blob.getFileName().toString();
        assertThat(hash(blob, name.length() == 64)).as(link + " content").isEqualTo(name);
      }
    }
    try (Stream<Path> blobs = Files.list(repoDir.resolve("blobs"))) {
      assertThat(blobs.map(p -> p.getFileName().toString()))
          .noneMatch(n -> n.endsWith(".incomplete"));
    }
  }

  static String hash(Path file, boolean sha256) throws Exception {
    MessageDigest d = MessageDigest.getInstance(sha256 ? "SHA-256" : "SHA-1");
    if (!sha256) {
      d.update(("blob " + Files.size(file) + "\0").getBytes(StandardCharsets.US_ASCII));
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[1 << 20];
      int n;
      while ((n = in.read(buf)) > 0) {
        d.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(d.digest());
  }
}
