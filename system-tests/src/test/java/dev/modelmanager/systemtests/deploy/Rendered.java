package dev.modelmanager.systemtests.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/** Finding objects in a rendered overlay. */
final class Rendered {

  static final List<String> SERVICES =
      List.of(
          "gateway", "discovery-service", "weights-service", "catalog-service", "deploy-service");

  private Rendered() {}

  static List<ObjectNode> ofKind(List<ObjectNode> objects, String kind) {
    return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
  }

  static Optional<ObjectNode> find(List<ObjectNode> objects, String kind, String name) {
    return ofKind(objects, kind).stream().filter(o -> name.equals(name(o))).findFirst();
  }

  static ObjectNode get(List<ObjectNode> objects, String kind, String name) {
    return find(objects, kind, name)
        .orElseThrow(() -> new AssertionError("no " + kind + " named " + name));
  }

  static String name(JsonNode object) {
    return object.path("metadata").path("name").asText();
  }

  static List<String> names(List<ObjectNode> objects, String kind) {
    return ofKind(objects, kind).stream().map(Rendered::name).sorted().toList();
  }
}
