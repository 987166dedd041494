package dev.modelmanager.gateway.notify.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Text columns: the channel table's JSON lists and maps (and the favorites of user preferences),
 * and its digest interval as ISO-8601 text.
 */
public final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  public static List<String> list(String text) {
    try {
      return MAPPER.readValue(text, new TypeReference<List<String>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable stored list", e);
    }
  }

  public static Map<String, String> map(String text) {
    try {
      return MAPPER.readValue(text, new TypeReference<Map<String, String>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable stored map", e);
    }
  }

  /** A duration as stored: ISO-8601 ({@code PT15M}), null for null. */
  public static String duration(Duration d) {
    return d == null ? null : d.toString();
  }

  public static Duration duration(String text) {
    return text == null ? null : Duration.parse(text);
  }
}
