package dev.modelmanager.weights.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The wrapping every list cursor shares: its keyset text, URL-safe base64 without padding. */
final class OpaqueCursor {
  private OpaqueCursor() {}

  static String encode(String keyset) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(keyset.getBytes(StandardCharsets.UTF_8));
  }

  /** The keyset text of a cursor; throws IllegalArgumentException when it is not base64. */
  static String decode(String cursor) {
    return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
  }
}
