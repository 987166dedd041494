package dev.modelmanager.systemtests.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * The openAPIV3Schema of the custom resources deploy/ uses (KServe, prometheus-operator,
 * CloudNativePG, Strimzi), from the CRD fixtures in src/test/resources/crds, closed so that an
 * unknown field is an error: the API server would silently prune it.
 */
final class CrdSchemas {

  private static final List<String> FIXTURES =
      List.of(
          "servicemonitors.yaml",
          "prometheusrules.yaml",
          "cnpg-clusters.yaml",
          "cnpg-databases.yaml",
          "cnpg-scheduledbackups.yaml",
          "strimzi-kafkas.yaml",
          "strimzi-kafkanodepools.yaml",
          "strimzi-kafkatopics.yaml",
          "kserve-inferenceservices.yaml.gz");

  private static final CrdSchemas INSTANCE = load();

  private final Map<String, JsonSchema> byApiVersionAndKind;

  private CrdSchemas(Map<String, JsonSchema> byApiVersionAndKind) {
    this.byApiVersionAndKind = byApiVersionAndKind;
  }

  static CrdSchemas get() {
    return INSTANCE;
  }

  /** The schema errors of {@code object}, or empty when no fixture describes its kind. */
  Optional<List<String>> validate(JsonNode object) {
    JsonSchema schema = byApiVersionAndKind.get(key(object));
    if (schema == null) {
      return Optional.empty();
    }
    return Optional.of(schema.validate(object).stream().map(Object::toString).sorted().toList());
  }

  static String key(JsonNode object) {
    return object.path("apiVersion").asText() + "/" + object.path("kind").asText();
  }

  private static CrdSchemas load() {
    JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
    Map<String, JsonSchema> schemas = new HashMap<>();
    for (String fixture : FIXTURES) {
      JsonNode crd = read(fixture);
      JsonNode spec = crd.path("spec");
      String group = spec.path("group").asText();
      String kind = spec.path("names").path("kind").asText();
      for (JsonNode version : spec.path("versions")) {
        JsonNode schema = version.path("schema").path("openAPIV3Schema").deepCopy();
        close(schema);
        schemas.put(
            group + "/" + version.path("name").asText() + "/" + kind, factory.getSchema(schema));
      }
    }
    return new CrdSchemas(schemas);
  }

  /**
   * Structural schemas list every field; Kubernetes drops the unlisted ones unless a node says
   * x-kubernetes-preserve-unknown-fields. Makes that explicit for a JSON Schema validator.
   */
  static void close(JsonNode node) {
    if (node instanceof ObjectNode object) {
      boolean preserves = object.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
      if (object.has("properties") && !object.has("additionalProperties") && !preserves) {
        object.set("additionalProperties", BooleanNode.FALSE);
      }
      object.forEach(CrdSchemas::close);
    } else if (node != null && node.isArray()) {
      node.forEach(CrdSchemas::close);
    }
  }

  private static JsonNode read(String fixture) {
    try (InputStream raw = CrdSchemas.class.getResourceAsStream("/crds/" + fixture)) {
      if (raw == null) {
        throw new IllegalStateException("missing CRD fixture " + fixture);
      }
      // KServe's schema embeds whole PodSpecs: kept gzipped (1.8 MB as text).
      InputStream in = fixture.endsWith(".gz") ? new GZIPInputStream(raw) : raw;
      return Kustomize.YAML.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
