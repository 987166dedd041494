package dev.modelmanager.catalog.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one way an entry file is written: 2-space indent, keys in stable (sorted) order, {@code
 * "key": value}, a trailing newline — so the same entry always gives the same bytes and diffs show
 * only real changes.
 */
public final class CanonicalJson {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();
  private static final ObjectWriter WRITER =
      MAPPER.writer(
          new DefaultPrettyPrinter()
              .withObjectIndenter(new DefaultIndenter("  ", "\n"))
              .withArrayIndenter(new DefaultIndenter("  ", "\n"))
              .withSeparators(
                  Separators.createDefaultInstance()
                      .withObjectFieldValueSpacing(Separators.Spacing.AFTER)));

  private CanonicalJson() {}

  public static String write(JsonNode node) {
    try {
      return WRITER.writeValueAsString(MAPPER.treeToValue(node, Object.class)) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not serialisable JSON", e);
    }
  }

  /** The canonical form as a tree (key order sorted), for comparisons and patches. */
  public static JsonNode normalize(JsonNode node) {
    try {
      return MAPPER.readTree(write(node));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  public static ObjectMapper mapper() {
    return MAPPER;
  }
}
