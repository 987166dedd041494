package dev.modelmanager.gateway.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Merges OpenAPI 3 documents into one: paths of every document, components by name (identical ones
 * kept once, a conflicting one renamed {@code <service>.<Name>} with its references), tags by name.
 */
public final class OpenApiMerger {
  public static final String TITLE = "Model Manager API";
  public static final String UNAVAILABLE = "x-unavailable";

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final String REF_PREFIX = "#/components/";

  /**
   * One document to merge.
   *
   * @param component the service (or {@code gateway}) it comes from
   * @param servesPath which of its paths the merged API exposes (the gateway routes only some)
   */
  public record Source(String component, JsonNode document, Predicate<String> servesPath) {}

  private OpenApiMerger() {}

  /**
   * The merged document; earlier sources win on equal paths and tags, and keep their component
   * names on conflict.
   */
  public static ObjectNode merge(List<Source> sources, List<String> unavailable, String version) {
    ObjectNode merged = JSON.objectNode();
    merged.put("openapi", openapiVersion(sources));
    merged.putObject("info").put("title", TITLE).put("version", version);
    merged.putArray("servers").addObject().put("url", "/");
    ObjectNode paths = merged.putObject("paths");
    ObjectNode components = JSON.objectNode();
    ArrayNode tags = JSON.arrayNode();
    for (Source source : sources) {
      JsonNode document = renameConflicts(source, components);
      mergePaths(source, document, paths);
      mergeComponents(document, components);
      mergeTags(document, tags);
    }
    if (!components.isEmpty()) {
      merged.set("components", components);
    }
    if (!tags.isEmpty()) {
      merged.set("tags", tags);
    }
    ArrayNode down = merged.putArray(UNAVAILABLE);
    unavailable.forEach(down::add);
    return merged;
  }

  private static String openapiVersion(List<Source> sources) {
    return sources.stream()
        .map(s -> s.document().path("openapi").asText(""))
        .filter(v -> !v.isEmpty())
        .findFirst()
        .orElse("3.0.3");
  }

  private static void mergePaths(Source source, JsonNode document, ObjectNode paths) {
    for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
      if (source.servesPath().test(path.getKey()) && !paths.has(path.getKey())) {
        paths.set(path.getKey(), path.getValue());
      }
    }
  }

  private static void mergeComponents(JsonNode document, ObjectNode components) {
    for (Map.Entry<String, JsonNode> kind : document.path("components").properties()) {
      if (!kind.getValue().isObject()) {
        continue;
      }
      ObjectNode target =
          components.has(kind.getKey())
              ? (ObjectNode) components.get(kind.getKey())
              : components.putObject(kind.getKey());
      kind.getValue().properties().forEach(c -> target.putIfAbsent(c.getKey(), c.getValue()));
    }
  }

  private static void mergeTags(JsonNode document, ArrayNode tags) {
    Set<String> known = new HashSet<>();
    tags.forEach(t -> known.add(t.path("name").asText()));
    for (JsonNode tag : document.path("tags")) {
      if (known.add(tag.path("name").asText())) {
        tags.add(tag);
      }
    }
  }

  /** A copy of the source's document whose components that clash with merged ones are renamed. */
  private static JsonNode renameConflicts(Source source, ObjectNode merged) {
    Map<String, String> renames = new HashMap<>();
    for (Map.Entry<String, JsonNode> kind : source.document().path("components").properties()) {
      JsonNode existing = merged.path(kind.getKey());
      for (Map.Entry<String, JsonNode> c : kind.getValue().properties()) {
        JsonNode other = existing.get(c.getKey());
        if (other != null && !other.equals(c.getValue())) {
          String prefix = REF_PREFIX + kind.getKey() + "/";
          renames.put(prefix + c.getKey(), prefix + prefixed(source, c.getKey()));
        }
      }
    }
    if (renames.isEmpty()) {
      return source.document();
    }
    JsonNode copy = source.document().deepCopy();
    rewriteRefs(copy, renames);
    ObjectNode components = (ObjectNode) copy.get("components");
    for (Map.Entry<String, String> rename : renames.entrySet()) {
      String[] from = rename.getKey().substring(REF_PREFIX.length()).split("/", 2);
      String to = rename.getValue().substring(rename.getValue().lastIndexOf('/') + 1);
      ObjectNode kind = (ObjectNode) components.get(from[0]);
      kind.set(to, kind.remove(from[1]));
    }
    return copy;
  }

  private static String prefixed(Source source, String name) {
    return source.component() + "." + name;
  }

  private static void rewriteRefs(JsonNode node, Map<String, String> renames) {
    if (node.isObject()) {
      ObjectNode object = (ObjectNode) node;
      JsonNode ref = object.get("$ref");
      if (ref != null && ref.isTextual() && renames.containsKey(ref.asText())) {
        object.set("$ref", TextNode.valueOf(renames.get(ref.asText())));
      }
      object.elements().forEachRemaining(child -> rewriteRefs(child, renames));
    } else if (node.isArray()) {
      node.elements().forEachRemaining(child -> rewriteRefs(child, renames));
    }
  }
}
