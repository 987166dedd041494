package dev.modelmanager.systemtests.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The Secrets (and keys) that rendered objects read: pods' env, and the operators' resources. */
final class SecretReferences {

  /** A Secret read by name, with the key it needs (null: the whole Secret or any keys). */
  record Reference(String from, String secret, String key) {}

  private SecretReferences() {}

  static List<Reference> in(List<? extends JsonNode> objects) {
    List<Reference> refs = new ArrayList<>();
    for (JsonNode object : objects) {
      collect(CrdSchemas.key(object) + " " + Rendered.name(object), object, refs);
    }
    return refs;
  }

  private static void collect(String from, JsonNode node, List<Reference> refs) {
    if (node.isArray()) {
      node.forEach(n -> collect(from, n, refs));
      return;
    }
    if (!node.isObject()) {
      return;
    }
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      JsonNode value = field.getValue();
      switch (field.getKey()) {
        // Pods: env[].valueFrom.secretKeyRef and envFrom[].secretRef
        case "secretKeyRef" -> refs.add(ref(from, value, value.path("key").asText()));
        case "secretRef" -> refs.add(ref(from, value, null));
        // CloudNativePG: a role's basic-auth Secret, and the object store's credentials
        case "passwordSecret" -> {
          refs.add(ref(from, value, "username"));
          refs.add(ref(from, value, "password"));
        }
        case "s3Credentials" -> value.forEach(c -> refs.add(ref(from, c, c.path("key").asText())));
        default -> collect(from, value, refs);
      }
    }
  }

  private static Reference ref(String from, JsonNode ref, String key) {
    return new Reference(from, ref.path("name").asText(), key);
  }
}
