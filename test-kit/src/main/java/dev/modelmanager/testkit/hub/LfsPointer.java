package dev.modelmanager.testkit.hub;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * Which files the fake hub stores in Git LFS, and the pointer file git keeps for them (its git sha1
 * is the tree {@code oid} of an LFS file).
 */
public final class LfsPointer {

  /** Files at least this large are LFS files whatever their name, as the Hub's default rules. */
  public static final long SIZE_THRESHOLD = 10L << 20;

  /** Extensions tracked by LFS in the Hub's default {@code .gitattributes}. */
  private static final Set<String> LFS_EXTENSIONS =
      Set.of(
          "safetensors",
          "bin",
          "gguf",
          "pt",
          "pth",
          "h5",
          "msgpack",
          "onnx",
          "ot",
          "tflite",
          "ckpt",
          "pkl",
          "npy",
          "npz",
          "model",
          "zip",
          "gz",
          "tar",
          "zst",
          "arrow",
          "parquet");

  private LfsPointer() {}

  /** Whether a file at {@code path} of {@code size} bytes is served as an LFS file. */
  public static boolean isLfs(String path, long size) {
    if (size >= SIZE_THRESHOLD) {
      return true;
    }
    int dot = path.lastIndexOf('.');
    int slash = path.lastIndexOf('/');
    return dot > slash + 1
        && LFS_EXTENSIONS.contains(path.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  /** The bytes of the LFS pointer file for content with this sha256 and size. */
  public static byte[] pointer(String sha256, long size) {
    String text =
        "version https://git-lfs.github.com/spec/v1\n"
            + "oid sha256:"
            + sha256
            + "\n"
            + "size "
            + size
            + "\n";
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  /** Git blob sha1 of the pointer file: what the tree API reports as {@code oid}. */
  public static String pointerOid(String sha256, long size) {
    return Hashes.gitBlobSha1(pointer(sha256, size));
  }

  /** The standard {@code .gitattributes} of a new Hub model repository (abridged). */
  public static String defaultGitattributes() {
    StringBuilder text = new StringBuilder();
    for (String extension : LFS_EXTENSIONS.stream().sorted().toList()) {
      text.append("*.").append(extension).append(" filter=lfs diff=lfs merge=lfs -text\n");
    }
    text.append("*tfevents* filter=lfs diff=lfs merge=lfs -text\n");
    return text.toString();
  }
}
