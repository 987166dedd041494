package dev.modelmanager.weights.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

/** Conversions shared by the adapters. */
final class Times {
  private Times() {}

  static OffsetDateTime odt(Instant i) {
    return i == null ? null : i.atOffset(ZoneOffset.UTC);
  }

  static Instant instant(OffsetDateTime o) {
    return o == null ? null : o.toInstant();
  }

  // Fixed width (milliseconds, as SQLite's strftime('%f')) so text order is time order.
  private static final java.time.format.DateTimeFormatter TEXT =
      java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
          .withZone(ZoneOffset.UTC);

  /** SQLite's clock in the format of {@link #text}. */
  static final String SQLITE_NOW = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

  static String text(Instant i) {
    return i == null ? null : TEXT.format(i);
  }

  static Instant parse(String s) {
    return s == null ? null : Instant.parse(s);
  }

  static String lines(List<String> values) {
    return String.join("\n", values);
  }

  static List<String> unlines(String text) {
    return text == null || text.isEmpty() ? List.of() : Arrays.asList(text.split("\n"));
  }
}
