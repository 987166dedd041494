package dev.modelmanager.testkit.hub;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Encoding of path segments and query values in URLs the fake hub hands out. */
final class UrlPaths {

  private UrlPaths() {}

  static String encodeSegment(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** Encodes a repository file path, keeping its slashes. */
  static String encodePath(String path) {
    StringBuilder encoded = new StringBuilder();
    for (String part : path.split("/", -1)) {
      if (encoded.length() > 0) {
        encoded.append('/');
      }
      encoded.append(encodeSegment(part));
    }
    return encoded.toString();
  }

  static String encodeQueryValue(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
