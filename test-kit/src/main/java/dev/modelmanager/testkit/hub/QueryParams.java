package dev.modelmanager.testkit.hub;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Decoded query parameters; a name may repeat ({@code filter=a&filter=b}). */
final class QueryParams {

  private final Map<String, List<String>> values = new LinkedHashMap<>();

  static QueryParams parse(String rawQuery) {
    QueryParams params = new QueryParams();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return params;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = decode(equals < 0 ? pair : pair.substring(0, equals));
      String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
      params.values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
    return params;
  }

  static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  /** The first value, or null. */
  String first(String name) {
    List<String> list = values.get(name);
    return list == null || list.isEmpty() ? null : list.get(0);
  }

  /** Every non-blank value of {@code name} and {@code name[]}, in order. */
  List<String> all(String name) {
    List<String> result = new ArrayList<>();
    for (String key : List.of(name, name + "[]")) {
      for (String value : values.getOrDefault(key, List.of())) {
        if (!value.isBlank()) {
          result.add(value.trim());
        }
      }
    }
    return result;
  }

  boolean has(String name) {
    return values.containsKey(name) || values.containsKey(name + "[]");
  }

  /** Hub-style boolean flags: {@code true}, {@code 1} or a bare name are true. */
  boolean flag(String name) {
    String value = first(name);
    return value != null
        && (value.isEmpty() || value.equals("1") || value.equalsIgnoreCase("true"));
  }

  int intValue(String name, int fallback) {
    String value = first(name);
    try {
      return value == null ? fallback : Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}
