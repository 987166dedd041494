package dev.modelmanager.testkit.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads and writes the safetensors header: an 8-byte little-endian length, then a JSON object of
 * {@code name -> {dtype, shape, data_offsets}} with an optional {@code __metadata__} map.
 */
public final class SafetensorsHeader {

  /** Headers above this size are rejected, as safetensors does (100 MB). */
  private static final long MAX_HEADER_BYTES = 100L << 20;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, String> metadata;
  private final List<TensorSpec> tensors;
  private final long headerLength;

  private SafetensorsHeader(Map<String, String> metadata, List<TensorSpec> tensors, long length) {
    this.metadata = metadata;
    this.tensors = tensors;
    this.headerLength = length;
  }

  /**
   * Encodes the 8-byte prefix and the JSON header for tensors laid out in the given order; the JSON
   * is padded with spaces to a multiple of 8 bytes like the reference writer.
   */
  public static byte[] encode(List<TensorSpec> tensors, Map<String, String> metadata) {
    ObjectNode root = JSON.createObjectNode();
    if (metadata != null && !metadata.isEmpty()) {
      ObjectNode meta = root.putObject("__metadata__");
      metadata.forEach(meta::put);
    }
    long offset = 0;
    for (TensorSpec tensor : tensors) {
      ObjectNode entry = root.putObject(tensor.name());
      entry.put("dtype", tensor.dtype());
      tensor.shape().forEach(entry.putArray("shape")::add);
      long end = offset + tensor.bytes();
      entry.putArray("data_offsets").add(offset).add(end);
      offset = end;
    }
    byte[] json = root.toString().getBytes(StandardCharsets.UTF_8);
    int padded = (json.length + 7) / 8 * 8;
    ByteBuffer buffer = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
    buffer.putLong(padded).put(json);
    while (buffer.hasRemaining()) {
      buffer.put((byte) ' ');
    }
    return buffer.array();
  }

  /** Parses the header at the start of a file. */
  public static SafetensorsHeader read(HubFile file) {
    try (InputStream in = file.open(0)) {
      byte[] prefix = in.readNBytes(8);
      if (prefix.length < 8) {
        throw new IllegalArgumentException("not a safetensors file: shorter than 8 bytes");
      }
      long length = ByteBuffer.wrap(prefix).order(ByteOrder.LITTLE_ENDIAN).getLong();
      if (length <= 0 || length > MAX_HEADER_BYTES || length > file.size() - 8) {
        throw new IllegalArgumentException("not a safetensors file: header length " + length);
      }
      return parse(JSON.readTree(in.readNBytes((int) length)), length);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static SafetensorsHeader parse(JsonNode root, long length) {
    Map<String, String> metadata = new TreeMap<>();
    List<TensorSpec> tensors = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (field.getKey().equals("__metadata__")) {
        field
            .getValue()
            .fields()
            .forEachRemaining(m -> metadata.put(m.getKey(), m.getValue().asText()));
        continue;
      }
      List<Long> shape = new ArrayList<>();
      field.getValue().path("shape").forEach(d -> shape.add(d.asLong()));
      tensors.add(new TensorSpec(field.getKey(), field.getValue().path("dtype").asText(), shape));
    }
    return new SafetensorsHeader(metadata, tensors, length);
  }

  /** The {@code __metadata__} map (empty when absent). */
  public Map<String, String> metadata() {
    return metadata;
  }

  /** Tensors in header order. */
  public List<TensorSpec> tensors() {
    return tensors;
  }

  /** Length of the JSON header in bytes (without the 8-byte prefix). */
  public long headerLength() {
    return headerLength;
  }

  /** Parameter count per dtype, as the Hub's {@code safetensors.parameters}. */
  public Map<String, Long> parameterCounts() {
    Map<String, Long> counts = new TreeMap<>();
    for (TensorSpec tensor : tensors) {
      counts.merge(tensor.dtype(), tensor.elements(), Long::sum);
    }
    return counts;
  }
}
