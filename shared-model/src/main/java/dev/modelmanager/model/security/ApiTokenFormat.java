package dev.modelmanager.model.security;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.zip.CRC32;

/**
 * The shape of an API token: {@code mm_} + 32 random bytes in base62 (43 characters) + a CRC32
 * checksum of those characters in base62 (6 characters). The fixed prefix and the checksum let
 * secret scanners recognise a leaked token without a database; the gateway also rejects a mistyped
 * token before it looks anything up. Tokens are stored only as their SHA-256 hash: 256 random bits
 * need no slow hash.
 */
public final class ApiTokenFormat {
  public static final String PREFIX = "mm_";
  static final int SECRET_CHARS = 43;
  static final int CHECKSUM_CHARS = 6;

  /** How many characters of a token ({@code mm_} included) are kept to show which token it is. */
  public static final int DISPLAY_PREFIX = PREFIX.length() + 8;

  private static final String ALPHABET =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final BigInteger BASE = BigInteger.valueOf(62);
  private static final SecureRandom RANDOM = new SecureRandom();

  private ApiTokenFormat() {}

  /** A new token's plaintext. */
  public static String generate() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String secret = base62(new BigInteger(1, bytes), SECRET_CHARS);
    return PREFIX + secret + checksum(secret);
  }

  /** Whether {@code candidate} looks like an API token (it may still be unknown). */
  public static boolean looksLikeToken(String candidate) {
    return candidate != null && candidate.startsWith(PREFIX);
  }

  /**
   * Whether the shape ({@code mm_} and 49 base62 characters) and the checksum are right. Checked on
   * every request that carries a token: no regex, and the secret is not copied.
   */
  public static boolean wellFormed(String token) {
    int secretEnd = PREFIX.length() + SECRET_CHARS;
    if (token == null
        || token.length() != secretEnd + CHECKSUM_CHARS
        || !token.startsWith(PREFIX)) {
      return false;
    }
    for (int i = PREFIX.length(); i < token.length(); i++) {
      if (!isBase62(token.charAt(i))) {
        return false;
      }
    }
    return token.regionMatches(
        secretEnd, checksum(token, PREFIX.length(), secretEnd), 0, CHECKSUM_CHARS);
  }

  private static boolean isBase62(char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }

  /**
   * Each thread's SHA-256 digest: the gateway hashes the presented token on every request, and
   * {@link MessageDigest#getInstance} looks the provider up each time (0.7 % of its CPU).
   */
  private static final ThreadLocal<MessageDigest> SHA_256 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("SHA-256 is part of every JDK", e);
            }
          });

  /** The stored form: lower-case hex SHA-256 of the whole token. */
  public static String hash(String token) {
    // digest() resets the digest for the next call.
    byte[] digest = SHA_256.get().digest(token.getBytes(StandardCharsets.US_ASCII));
    return HexFormat.of().formatHex(digest);
  }

  /** The part shown in lists so a person can tell tokens apart: {@code mm_} + 8 characters. */
  public static String displayPrefix(String token) {
    return token.substring(0, DISPLAY_PREFIX);
  }

  static String checksum(String secret) {
    return checksum(secret, 0, secret.length());
  }

  /** The CRC32 of {@code text}'s ASCII characters from {@code from} to {@code to}, in base62. */
  private static String checksum(String text, int from, int to) {
    CRC32 crc = new CRC32();
    for (int i = from; i < to; i++) {
      crc.update(text.charAt(i));
    }
    // A CRC32 fits in a long: no BigInteger on the path every request takes.
    char[] out = new char[CHECKSUM_CHARS];
    long v = crc.getValue();
    for (int i = CHECKSUM_CHARS - 1; i >= 0; i--) {
      out[i] = ALPHABET.charAt((int) (v % 62));
      v /= 62;
    }
    return new String(out);
  }

  private static String base62(BigInteger value, int width) {
    StringBuilder out = new StringBuilder();
    BigInteger v = value;
    while (v.signum() > 0) {
      BigInteger[] qr = v.divideAndRemainder(BASE);
      out.append(ALPHABET.charAt(qr[1].intValue()));
      v = qr[0];
    }
    while (out.length() < width) {
      out.append('0');
    }
    return out.reverse().toString();
  }
}
