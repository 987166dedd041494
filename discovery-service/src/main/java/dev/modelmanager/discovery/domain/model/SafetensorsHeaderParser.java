package dev.modelmanager.discovery.domain.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Turns the JSON header of a safetensors file into tensor entries.
 *
 * <p>The header maps tensor names to {@code {dtype, shape, data_offsets}}; the optional {@code
 * __metadata__} key is skipped. Reading the 8-byte length prefix and the bytes is the caller's job.
 */
public final class SafetensorsHeaderParser {

  private static final String METADATA_KEY = "__metadata__";

  private SafetensorsHeaderParser() {}

  /** Parses one header; tensors with a dtype this code does not know are rejected. */
  public static List<TensorEntry> parse(JsonNode header) {
    List<TensorEntry> tensors = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> fields = header.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (METADATA_KEY.equals(field.getKey())) {
        continue;
      }
      tensors.add(parseTensor(field.getKey(), field.getValue()));
    }
    return tensors;
  }

  private static TensorEntry parseTensor(String name, JsonNode node) {
    String dtypeName = node.path("dtype").asText(null);
    DType dtype =
        DType.fromSafetensors(dtypeName)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "tensor " + name + " has unknown dtype " + dtypeName));
    List<Long> shape = new ArrayList<>();
    for (JsonNode dim : node.path("shape")) {
      shape.add(dim.asLong());
    }
    return new TensorEntry(name, dtype, shape);
  }
}
