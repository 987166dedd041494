package dev.modelmanager.deploy.domain;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Where a live InferenceService no longer matches the manifest its revision applied: every field
 * the revision set in {@code spec}, {@code metadata.labels} and {@code metadata.annotations} must
 * still hold its value. Fields only the live object has (defaults of the API server or of KServe's
 * webhook, status) are not drift; a changed or removed field of ours is (an edit by hand).
 */
public final class Drift {
  private static final List<String> COMPARED =
      List.of("/spec", "/metadata/labels", "/metadata/annotations");

  private Drift() {}

  /** JSON pointers of the fields that differ, in document order; empty when none does. */
  public static List<String> between(JsonNode applied, JsonNode live) {
    List<String> out = new ArrayList<>();
    for (String root : COMPARED) {
      JsonNode want = applied.at(root);
      if (!want.isMissingNode()) {
        compare(root, want, live.at(root), out);
      }
    }
    return out;
  }

  private static void compare(String at, JsonNode want, JsonNode have, List<String> out) {
    if (want.isObject()) {
      if (!have.isObject()) {
        out.add(at);
        return;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = want.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        compare(at + "/" + escape(f.getKey()), f.getValue(), have.path(f.getKey()), out);
      }
    } else if (want.isArray()) {
      if (!have.isArray() || have.size() != want.size()) {
        out.add(at);
        return;
      }
      for (int i = 0; i < want.size(); i++) {
        compare(at + "/" + i, want.get(i), have.get(i), out);
      }
    } else if (want.isNull()) {
      if (!have.isNull() && !have.isMissingNode()) {
        out.add(at);
      }
    } else if (have.isMissingNode() || !sameScalar(want, have)) {
      out.add(at);
    }
  }

  private static boolean sameScalar(JsonNode want, JsonNode have) {
    if (want.isNumber() && have.isNumber()) {
      return want.decimalValue().compareTo(have.decimalValue()) == 0;
    }
    return want.equals(have);
  }

  private static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }
}
