package dev.modelmanager.testkit.hub;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;

/**
 * The content of one file in a fake Hub repository: its size, a stream from any offset, and its
 * hashes computed lazily by streaming the content once and cached.
 */
public abstract class HubFile {

  private volatile String sha256;
  private volatile String gitSha1;

  /** A small file held in memory. */
  public static HubFile ofBytes(byte[] content) {
    return new BytesHubFile(content);
  }

  /** A UTF-8 text file held in memory. */
  public static HubFile ofString(String content) {
    return ofBytes(content.getBytes(StandardCharsets.UTF_8));
  }

  /** A file read from disk on every request (its size is taken when it is added). */
  public static HubFile ofPath(Path path) {
    return new PathHubFile(path);
  }

  /**
   * A file whose first bytes are {@code prefix} and whose remaining {@code size - prefix.length}
   * bytes are a deterministic pattern derived from {@code seed}, generated on the fly, so files of
   * many gigabytes cost no memory or disk.
   */
  public static HubFile generated(byte[] prefix, long size, String seed) {
    return new GeneratedHubFile(prefix, size, seed);
  }

  /** Size of the content in bytes. */
  public abstract long size();

  /** Opens the content positioned at {@code offset}; the caller closes the stream. */
  public abstract InputStream open(long offset) throws IOException;

  /**
   * A cheap identity of the content, used to derive commit shas without hashing gigabytes: equal
   * fingerprints mean equal content.
   */
  public abstract String fingerprint();

  /** Lower-case hex sha256 of the content (the LFS oid), computed once. */
  public final String sha256() {
    String value = sha256;
    if (value == null) {
      synchronized (this) {
        if (sha256 == null) {
          sha256 = digest("SHA-256", null);
        }
        value = sha256;
      }
    }
    return value;
  }

  /**
   * Lower-case hex git blob sha1 of the content ({@code "blob <len>\0" + bytes}), computed once.
   */
  public final String gitSha1() {
    String value = gitSha1;
    if (value == null) {
      synchronized (this) {
        if (gitSha1 == null) {
          gitSha1 = digest("SHA-1", ("blob " + size() + "\0").getBytes(StandardCharsets.US_ASCII));
        }
        value = gitSha1;
      }
    }
    return value;
  }

  /** Reads the whole content; only sensible for small files. */
  public final byte[] readAllBytes() {
    try (InputStream in = open(0)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads {@code length} bytes from {@code offset} (fewer at the end of the file). */
  public final byte[] read(long offset, int length) {
    try (InputStream in = open(offset)) {
      return in.readNBytes(length);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String digest(String algorithm, byte[] preamble) {
    try (InputStream in = open(0)) {
      MessageDigest digest = MessageDigest.getInstance(algorithm);
      if (preamble != null) {
        digest.update(preamble);
      }
      byte[] buffer = new byte[1 << 20];
      int read;
      while ((read = in.read(buffer)) > 0) {
        digest.update(buffer, 0, read);
      }
      return Hashes.hex(digest.digest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
