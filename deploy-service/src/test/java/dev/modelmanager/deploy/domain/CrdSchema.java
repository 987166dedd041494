package dev.modelmanager.deploy.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * KServe's InferenceService CRD schema (v1beta1 {@code openAPIV3Schema}, copied from
 * shared/fixtures/kserve), made strict: an object schema with {@code properties} rejects fields it
 * does not list, as the API server's pruning would silently drop them.
 */
public final class CrdSchema {
  private static final JsonSchema SCHEMA = load();

  private CrdSchema() {}

  /** The problems of {@code manifest}, empty when it is valid. */
  public static Set<String> problems(JsonNode manifest) {
    return SCHEMA.validate(manifest).stream()
        .map(ValidationMessage::getMessage)
        .collect(Collectors.toCollection(java.util.TreeSet::new));
  }

  private static JsonSchema load() {
    try (InputStream in =
        CrdSchema.class.getResourceAsStream("/kserve/serving.kserve.io_inferenceservices.yaml")) {
      JsonNode crd = new ObjectMapper(new YAMLFactory()).readTree(in);
      for (JsonNode version : crd.path("spec").path("versions")) {
        if ("v1beta1".equals(version.path("name").asText())) {
          ObjectNode schema = version.path("schema").path("openAPIV3Schema").deepCopy();
          strict(schema);
          return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(schema);
        }
      }
      throw new IllegalStateException("no v1beta1 in the CRD");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void strict(JsonNode node) {
    if (node instanceof ObjectNode o) {
      if (o.has("properties")
          && !o.has("additionalProperties")
          && !o.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
        o.put("additionalProperties", false);
      }
      o.forEach(CrdSchema::strict);
    } else if (node != null && node.isArray()) {
      node.forEach(CrdSchema::strict);
    }
  }
}
