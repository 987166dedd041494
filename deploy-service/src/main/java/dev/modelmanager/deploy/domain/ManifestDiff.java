package dev.modelmanager.deploy.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import io.fabric8.zjsonpatch.JsonDiff;
import java.util.Arrays;
import java.util.List;

/**
 * The difference between a live (or previous) object and a manifest: a JSON Patch and a unified
 * diff of the YAML forms. Fields the API server owns (status, resourceVersion…) are left out first.
 *
 * @param patch RFC 6902 operations turning {@code from} into {@code to}
 * @param unified the unified YAML diff, empty when nothing changes
 */
public record ManifestDiff(JsonNode patch, String unified) {
  private static final List<String> SERVER_METADATA =
      List.of(
          "resourceVersion",
          "uid",
          "generation",
          "creationTimestamp",
          "managedFields",
          "selfLink",
          "finalizers",
          "deletionTimestamp");

  /** The diff from {@code from} (null when nothing exists yet) to {@code to}. */
  public static ManifestDiff between(JsonNode from, JsonNode to) {
    JsonNode before = from == null ? JsonNodeFactory.instance.objectNode() : comparable(from);
    JsonNode after = to == null ? JsonNodeFactory.instance.objectNode() : comparable(to);
    JsonNode patch = JsonDiff.asJson(before, after);
    List<String> a = lines(ManifestText.yaml(before));
    List<String> b = lines(ManifestText.yaml(after));
    List<String> unified =
        UnifiedDiffUtils.generateUnifiedDiff("live", "desired", a, DiffUtils.diff(a, b), 3);
    return new ManifestDiff(patch, String.join("\n", unified));
  }

  public boolean empty() {
    return patch.isEmpty();
  }

  /**
   * The object without what the API server adds, so only desired fields are compared, with keys
   * sorted so the YAML diff shows changes, not the order the server wrote them in.
   */
  static JsonNode comparable(JsonNode object) {
    ObjectNode copy = (ObjectNode) sorted(object);
    copy.remove("status");
    JsonNode meta = copy.get("metadata");
    if (meta instanceof ObjectNode m) {
      SERVER_METADATA.forEach(m::remove);
      JsonNode annotations = m.get("annotations");
      if (annotations instanceof ObjectNode a) {
        a.remove("kubectl.kubernetes.io/last-applied-configuration");
        if (a.isEmpty()) {
          m.remove("annotations");
        }
      }
    }
    return copy;
  }

  private static JsonNode sorted(JsonNode node) {
    if (node.isObject()) {
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      List<String> names = new java.util.ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      java.util.Collections.sort(names);
      names.forEach(n -> out.set(n, sorted(node.get(n))));
      return out;
    }
    if (node.isArray()) {
      com.fasterxml.jackson.databind.node.ArrayNode out = JsonNodeFactory.instance.arrayNode();
      node.forEach(e -> out.add(sorted(e)));
      return out;
    }
    return node;
  }

  private static List<String> lines(String text) {
    return text.isEmpty() ? List.of() : Arrays.asList(text.split("\n"));
  }
}
