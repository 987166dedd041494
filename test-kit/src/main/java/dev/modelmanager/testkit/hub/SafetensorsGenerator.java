package dev.modelmanager.testkit.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Generates the safetensors weights of a Llama-like model from its {@code config.json}: real tensor
 * names, shapes and dtypes in valid headers, sharded like transformers saves them, with sparse
 * bodies generated on the fly.
 */
public final class SafetensorsGenerator {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final JsonNode config;
  private String dtype;
  private int shards = 1;
  private long maxShardBytes;
  private Map<String, String> metadata = Map.of("format", "pt");
  private String seed;

  private SafetensorsGenerator(JsonNode config) {
    this.config = config;
    this.dtype = TensorSpec.dtypeOfTorch(config.path("torch_dtype").asText(null));
    this.seed = Hashes.sha1Hex(config.toString());
  }

  /** Starts from the text of a {@code config.json}. */
  public static SafetensorsGenerator forConfig(String configJson) {
    try {
      return new SafetensorsGenerator(JSON.readTree(configJson));
    } catch (IOException e) {
      throw new IllegalArgumentException("config.json is not valid JSON", e);
    }
  }

  /** Starts from a {@code config.json} on disk. */
  public static SafetensorsGenerator forConfig(Path configJson) {
    try {
      return forConfig(Files.readString(configJson));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts from a parsed {@code config.json}. */
  public static SafetensorsGenerator forConfig(JsonNode config) {
    return new SafetensorsGenerator(config);
  }

  /** The tensors of the model in module order, before sharding. */
  public static List<TensorSpec> tensorsFor(JsonNode config, String dtype) {
    return new LlamaTensorLayout(config, dtype).tensors();
  }

  /** Overrides the dtype (default: the config's {@code torch_dtype}, else BF16). */
  public SafetensorsGenerator dtype(String value) {
    this.dtype = value;
    TensorSpec.bytesPerElement(value);
    return this;
  }

  /** Splits the weights into (at most) {@code count} shards of about equal size. */
  public SafetensorsGenerator shards(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("shards must be >= 1");
    }
    this.shards = count;
    this.maxShardBytes = 0;
    return this;
  }

  /**
   * Splits like transformers' {@code max_shard_size}: a new shard when the next tensor overflows.
   */
  public SafetensorsGenerator maxShardSize(long bytes) {
    this.maxShardBytes = bytes;
    return this;
  }

  /** Sets the {@code __metadata__} map; an empty map omits it. */
  public SafetensorsGenerator metadata(Map<String, String> value) {
    this.metadata = Map.copyOf(value);
    return this;
  }

  /** Seeds the generated bodies (default: derived from the config). */
  public SafetensorsGenerator seed(String value) {
    this.seed = value;
    return this;
  }

  /** Builds the shard files and, when sharded, {@code model.safetensors.index.json}. */
  public GeneratedModel generate() {
    List<TensorSpec> tensors = tensorsFor(config, dtype);
    List<List<TensorSpec>> plan = maxShardBytes > 0 ? planByMaxSize(tensors) : planEqual(tensors);
    Map<String, HubFile> files = new LinkedHashMap<>();
    Map<String, String> weightMap = new java.util.TreeMap<>();
    long tensorBytes = 0;
    for (int index = 0; index < plan.size(); index++) {
      String name = shardName(index, plan.size());
      List<TensorSpec> shard = new ArrayList<>(plan.get(index));
      // The reference writer lays tensors out by name when they share a dtype.
      shard.sort(Comparator.comparing(TensorSpec::name));
      long dataBytes = shard.stream().mapToLong(TensorSpec::bytes).sum();
      byte[] header = SafetensorsHeader.encode(shard, metadata);
      files.put(name, HubFile.generated(header, header.length + dataBytes, seed + "/" + name));
      shard.forEach(t -> weightMap.put(t.name(), name));
      tensorBytes += dataBytes;
    }
    if (plan.size() > 1) {
      files.put(
          "model.safetensors.index.json", HubFile.ofString(indexJson(tensorBytes, weightMap)));
    }
    return new GeneratedModel(files, tensors, tensorBytes);
  }

  private static String shardName(int index, int count) {
    return count == 1
        ? "model.safetensors"
        : String.format("model-%05d-of-%05d.safetensors", index + 1, count);
  }

  private List<List<TensorSpec>> planEqual(List<TensorSpec> tensors) {
    long total = tensors.stream().mapToLong(TensorSpec::bytes).sum();
    List<List<TensorSpec>> plan = new ArrayList<>();
    for (int i = 0; i < shards; i++) {
      plan.add(new ArrayList<>());
    }
    long before = 0;
    for (TensorSpec tensor : tensors) {
      // Place each tensor by its midpoint so shards come out close to total/shards bytes.
      double middle = before + tensor.bytes() / 2.0;
      int index = (int) Math.min(shards - 1, Math.floor(middle * shards / Math.max(1, total)));
      plan.get(index).add(tensor);
      before += tensor.bytes();
    }
    plan.removeIf(List::isEmpty);
    return plan;
  }

  private List<List<TensorSpec>> planByMaxSize(List<TensorSpec> tensors) {
    List<List<TensorSpec>> plan = new ArrayList<>();
    List<TensorSpec> current = new ArrayList<>();
    long currentBytes = 0;
    for (TensorSpec tensor : tensors) {
      if (!current.isEmpty() && currentBytes + tensor.bytes() > maxShardBytes) {
        plan.add(current);
        current = new ArrayList<>();
        currentBytes = 0;
      }
      current.add(tensor);
      currentBytes += tensor.bytes();
    }
    plan.add(current);
    return plan;
  }

  private static String indexJson(long totalSize, Map<String, String> weightMap) {
    StringBuilder json = new StringBuilder();
    json.append("{\n  \"metadata\": {\n    \"total_size\": ").append(totalSize).append("\n  },\n");
    json.append("  \"weight_map\": {\n");
    int remaining = weightMap.size();
    for (Map.Entry<String, String> entry : weightMap.entrySet()) {
      json.append("    \"").append(entry.getKey()).append("\": \"").append(entry.getValue());
      json.append(--remaining > 0 ? "\",\n" : "\"\n");
    }
    return json.append("  }\n}\n").toString();
  }
}
