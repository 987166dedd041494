package dev.modelmanager.kit.store;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Instants as SQLite text that sorts like time: UTC with always nine fraction digits ({@code
 * Instant.toString()} drops trailing zeros, so "…:00Z" would sort after "…:00.5Z").
 */
public final class SqliteTime {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

  private SqliteTime() {}

  public static String format(Instant instant) {
    return instant == null ? null : FORMAT.format(instant);
  }

  public static String now() {
    return format(Instant.now());
  }

  public static Instant parse(String text) {
    return text == null ? null : Instant.parse(text);
  }
}
