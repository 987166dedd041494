package dev.modelmanager.discovery.domain.vllm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The architectures one vLLM version supports, loaded from a versioned data file derived from
 * vLLM's model registry ({@code vllm/model_executor/models/registry.py}).
 *
 * <p>The caller opens the file (e.g. the classpath resource {@link #RESOURCE}); this class only
 * parses the stream. Lookups are by exact class name, as HF configs spell them.
 */
public final class VllmArchitectureRegistry {

  /** The vLLM version the bundled data file describes. */
  public static final String BUNDLED_VLLM_VERSION = "0.14.0";

  /** Classpath location of the bundled data file. */
  public static final String RESOURCE = "vllm/architectures-" + BUNDLED_VLLM_VERSION + ".json";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final String vllmVersion;
  private final String sourceCommit;
  private final Map<String, VllmArchitecture> byName;

  private VllmArchitectureRegistry(
      String vllmVersion, String sourceCommit, Map<String, VllmArchitecture> byName) {
    this.vllmVersion = vllmVersion;
    this.sourceCommit = sourceCommit;
    this.byName = Collections.unmodifiableMap(byName);
  }

  /** Parses a data file from a stream the caller owns (it is not closed here). */
  public static VllmArchitectureRegistry load(InputStream in) throws IOException {
    if (in == null) {
      throw new IOException("no vLLM architecture data file (stream is null)");
    }
    return fromJson(MAPPER.readTree(in));
  }

  /** Builds a registry from an already parsed data file. */
  public static VllmArchitectureRegistry fromJson(JsonNode root) {
    String version = root.path("vllmVersion").asText(null);
    if (version == null || !root.path("architectures").isArray()) {
      throw new IllegalArgumentException(
          "not a vLLM architecture data file: no vllmVersion/architectures");
    }
    List<String> defaults = strings(root.path("defaultQuantizations"));
    Map<String, VllmArchitecture> byName = new LinkedHashMap<>();
    for (JsonNode node : root.path("architectures")) {
      VllmArchitecture arch = architecture(node, defaults);
      if (byName.putIfAbsent(arch.architecture(), arch) != null) {
        throw new IllegalArgumentException("duplicate architecture " + arch.architecture());
      }
    }
    return new VllmArchitectureRegistry(
        version, root.path("source").path("registryCommit").asText(null), byName);
  }

  private static VllmArchitecture architecture(JsonNode node, List<String> defaultQuantizations) {
    String name = node.path("architecture").asText(null);
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("architecture entry without a name: " + node);
    }
    JsonNode quant = node.get("quantizations");
    return new VllmArchitecture(
        name,
        node.path("module").asText(""),
        strings(node.path("tasks")),
        node.path("description").asText(""),
        node.path("multimodal").asBoolean(false),
        node.path("trustRemoteCode").asBoolean(false),
        quant == null || quant.isNull() ? defaultQuantizations : strings(quant),
        strings(node.path("examples")));
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }

  /** The vLLM version the data describes ("0.14.0"). */
  public String vllmVersion() {
    return vllmVersion;
  }

  /** The vLLM commit the registry table was read from, if recorded. */
  public Optional<String> sourceCommit() {
    return Optional.ofNullable(sourceCommit);
  }

  /** The entry for an architecture class name. */
  public Optional<VllmArchitecture> lookup(String architecture) {
    return architecture == null ? Optional.empty() : Optional.ofNullable(byName.get(architecture));
  }

  /** The first supported entry among a config's {@code architectures}. */
  public Optional<VllmArchitecture> lookupFirst(List<String> architectures) {
    return architectures.stream().map(this::lookup).flatMap(Optional::stream).findFirst();
  }

  /** Every architecture, in data-file order. */
  public List<VllmArchitecture> list() {
    return List.copyOf(byName.values());
  }

  /** Whether vLLM natively implements the architecture. */
  public boolean isSupported(String architecture) {
    return lookup(architecture).isPresent();
  }
}
