package dev.modelmanager.testkit.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/** One named revision (branch or tag) of a repository: its commit sha and its files. */
public final class RepoRevision {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Keys of config.json the Hub repeats in a model's {@code config} field. */
  private static final List<String> CONFIG_KEYS =
      List.of("architectures", "model_type", "quantization_config");

  /** Keys of tokenizer_config.json the Hub repeats under {@code config.tokenizer_config}. */
  private static final List<String> TOKENIZER_KEYS =
      List.of("bos_token", "chat_template", "eos_token", "pad_token", "unk_token");

  private final String name;
  private final String sha;
  private final SortedMap<String, HubFile> files;
  private final boolean tag;
  private final List<HubCommit> history;
  private volatile Optional<ObjectNode> configSummary;
  private volatile Optional<ObjectNode> safetensorsSummary;

  RepoRevision(
      String name, String sha, Map<String, HubFile> files, boolean tag, List<HubCommit> history) {
    this.name = name;
    this.sha = sha;
    this.files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
    this.tag = tag;
    this.history = List.copyOf(history);
  }

  /** Whether this is a tag ({@code refs/tags/}), else a branch ({@code refs/heads/}). */
  public boolean isTag() {
    return tag;
  }

  /** The commits reachable from this revision, newest first; the first is {@link #sha()}'s. */
  public List<HubCommit> history() {
    return history;
  }

  /** Branch or tag name, e.g. {@code main}. */
  public String name() {
    return name;
  }

  /** The 40-hex commit sha. */
  public String sha() {
    return sha;
  }

  /** Path to file, sorted by path. */
  public SortedMap<String, HubFile> files() {
    return files;
  }

  /** The file at {@code path}, if any. */
  public Optional<HubFile> file(String path) {
    return Optional.ofNullable(files.get(path));
  }

  /** Deterministic sha of a file set: sha1 over the repo id and every path with its content. */
  static String deriveSha(String repoId, String revision, Map<String, HubFile> files) {
    StringBuilder listing = new StringBuilder(repoId).append('\n').append(revision).append('\n');
    files.forEach(
        (path, file) -> listing.append(path).append('\0').append(file.fingerprint()).append('\n'));
    return Hashes.sha1Hex(listing.toString());
  }

  /** The Hub's {@code config} field: a subset of config.json (and tokenizer_config.json). */
  Optional<ObjectNode> configSummary() {
    if (configSummary == null) {
      configSummary = Optional.ofNullable(readConfigSummary());
    }
    return configSummary;
  }

  /** The Hub's {@code safetensors} field: parameters per dtype and total, from the headers. */
  Optional<ObjectNode> safetensorsSummary() {
    if (safetensorsSummary == null) {
      safetensorsSummary = Optional.ofNullable(readSafetensorsSummary());
    }
    return safetensorsSummary;
  }

  private ObjectNode readConfigSummary() {
    JsonNode config = parseJson("config.json");
    if (config == null || !config.isObject()) {
      return null;
    }
    ObjectNode summary = JSON.createObjectNode();
    CONFIG_KEYS.stream().filter(config::has).forEach(key -> summary.set(key, config.get(key)));
    JsonNode tokenizer = parseJson("tokenizer_config.json");
    if (tokenizer != null && tokenizer.isObject()) {
      ObjectNode subset = summary.putObject("tokenizer_config");
      TOKENIZER_KEYS.stream().filter(tokenizer::has).forEach(k -> subset.set(k, tokenizer.get(k)));
    }
    return summary;
  }

  private JsonNode parseJson(String path) {
    HubFile file = files.get(path);
    if (file == null || file.size() > (16 << 20)) {
      return null;
    }
    try {
      return JSON.readTree(file.readAllBytes());
    } catch (IOException e) {
      return null;
    }
  }

  private ObjectNode readSafetensorsSummary() {
    Map<String, Long> parameters = new TreeMap<>();
    boolean found = false;
    for (Map.Entry<String, HubFile> entry : files.entrySet()) {
      if (!entry.getKey().endsWith(".safetensors")) {
        continue;
      }
      try {
        SafetensorsHeader.read(entry.getValue())
            .parameterCounts()
            .forEach((k, v) -> parameters.merge(k, v, Long::sum));
        found = true;
      } catch (RuntimeException notSafetensors) {
        // A file that merely ends in .safetensors is skipped, as the Hub ignores unparsable files.
      }
    }
    if (!found) {
      return null;
    }
    ObjectNode summary = JSON.createObjectNode();
    ObjectNode byDtype = summary.putObject("parameters");
    parameters.forEach(byDtype::put);
    summary.put("total", parameters.values().stream().mapToLong(Long::longValue).sum());
    return summary;
  }
}
