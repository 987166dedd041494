package dev.modelmanager.catalog.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;

/** The catalog entry JSON Schema (2020-12) and validation against it. */
public final class EntrySchema {
  public static final String RESOURCE = "/catalog/entry.schema.json";
  public static final String CHECK = "schema";
  private static final EntrySchema INSTANCE = load();

  private final JsonNode document;
  private final JsonSchema schema;

  private EntrySchema(JsonNode document, JsonSchema schema) {
    this.document = document;
    this.schema = schema;
  }

  public static EntrySchema get() {
    return INSTANCE;
  }

  private static EntrySchema load() {
    try (InputStream in = EntrySchema.class.getResourceAsStream(RESOURCE)) {
      JsonNode doc = new ObjectMapper().readTree(in);
      SchemaValidatorsConfig config =
          SchemaValidatorsConfig.builder().pathType(PathType.JSON_POINTER).build();
      JsonSchema schema =
          JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(doc, config);
      return new EntrySchema(doc, schema);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The schema document, as served at {@code GET /api/v1/catalog/schema}. */
  public JsonNode document() {
    return document;
  }

  /**
   * One failing {@code schema} result per violation, each with its JSON Pointer; empty if valid.
   */
  public List<CheckResult> violations(JsonNode entry) {
    return schema.validate(entry).stream()
        .map(EntrySchema::result)
        .sorted(Comparator.comparing(CheckResult::pointer).thenComparing(CheckResult::message))
        .toList();
  }

  private static CheckResult result(ValidationMessage m) {
    String at = m.getInstanceLocation().toString();
    String pointer = "required".equals(m.getType()) ? at + "/" + m.getProperty() : at;
    String message = m.getMessage();
    int colon = message.indexOf(": ");
    if (colon > 0 && message.substring(0, colon).equals(at)) {
      message = message.substring(colon + 2);
    }
    return CheckResult.fail(CHECK, message, pointer.isEmpty() ? "/" : pointer);
  }
}
