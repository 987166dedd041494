package dev.modelmanager.catalog.authoring;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelmanager.testkit.catalog.DemoCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Entry documents for tests: a valid demo entry to change one field of. */
final class Entries {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Entries() {}

  /** A valid entry for a demo-hub model, pinned to the demo hub's commit. */
  static ObjectNode valid(String id, String hfModelId) {
    try {
      return (ObjectNode)
          JSON.readTree(DemoCatalog.entry(id, hfModelId, DemoCatalog.commitOf(hfModelId)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ObjectNode qwen(String id) {
    return valid(id, "Qwen/Qwen2.5-0.5B");
  }

  static ObjectNode vllm(ObjectNode entry) {
    return (ObjectNode) entry.get("vllm");
  }
}
