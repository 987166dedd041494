package dev.modelmanager.testkit.hub;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Small hashing helpers shared by the fake hub. */
final class Hashes {

  private Hashes() {}

  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  static byte[] sha1(byte[] bytes) {
    return digest("SHA-1", bytes);
  }

  static String sha1Hex(String text) {
    return hex(sha1(text.getBytes(StandardCharsets.UTF_8)));
  }

  static String sha256Hex(byte[] bytes) {
    return hex(digest("SHA-256", bytes));
  }

  /** Git blob sha1 of in-memory bytes. */
  static String gitBlobSha1(byte[] content) {
    byte[] header = ("blob " + content.length + "\0").getBytes(StandardCharsets.US_ASCII);
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-1");
      digest.update(header);
      digest.update(content);
      return hex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] digest(String algorithm, byte[] bytes) {
    try {
      return MessageDigest.getInstance(algorithm).digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
