package dev.modelmanager.discovery.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelmanager.discovery.domain.model.SafetensorsHeaderParser;
import dev.modelmanager.discovery.domain.model.TensorEntry;
import dev.modelmanager.kit.hf.HubClient;
import dev.modelmanager.kit.hf.WeightFileSelection;
import dev.modelmanager.kit.web.ProblemException;
import dev.modelmanager.model.hf.RepoId;
import dev.modelmanager.model.problem.ProblemType;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads a model's sizing inputs from the Hub without downloading weights: model info, config.json,
 * hf_quant_config.json, and each safetensors header through HTTP Range requests.
 */
@ApplicationScoped
public class ModelFilesReader {
  /** A first read large enough for the whole header of typical shards (tens of KiB). */
  static final int FIRST_READ = 256 * 1024;

  /** The format allows 100 MB headers; anything larger is not a safetensors file. */
  static final long MAX_HEADER = 100L * 1024 * 1024;

  static final long MAX_CONFIG = 4L * 1024 * 1024;
  private static final int PARALLEL_HEADERS = 4;

  private final HubClient hub;
  private final ObjectMapper mapper;

  ModelFilesReader(HubClient hub, ObjectMapper mapper) {
    this.hub = hub;
    this.mapper = mapper;
  }

  public Uni<ModelFiles> read(RepoId repo, String revision) {
    return hub.modelInfo(repo, revision, List.of()).chain(info -> readAt(repo, info));
  }

  private Uni<ModelFiles> readAt(RepoId repo, JsonNode info) {
    String commit = info.path("sha").asText(null);
    if (commit == null) {
      throw new ProblemException(
          ProblemType.UPSTREAM_UNAVAILABLE, "The Hub's model info has no commit sha");
    }
    List<String> files = new ArrayList<>();
    info.path("siblings").forEach(s -> files.add(s.path("rfilename").asText()));
    if (!files.contains("config.json")) {
      throw new ProblemException(
          ProblemType.INVALID_CONTENT,
          repo + " has no config.json; it is not a transformers model vLLM can load");
    }
    Uni<JsonNode> config = json(repo, commit, "config.json");
    Uni<JsonNode> quant =
        files.contains("hf_quant_config.json")
            ? json(repo, commit, "hf_quant_config.json")
            : Uni.createFrom().nullItem();
    Uni<List<String>> shards = weightFiles(repo, commit, files);
    Uni<List<TensorEntry>> tensors = shards.chain(s -> headers(repo, commit, s));
    return Uni.combine()
        .all()
        .unis(config, quant, shards, tensors)
        .with((c, q, s, t) -> new ModelFiles(info, commit, c, q, t, s.size()));
  }

  /**
   * The safetensors shards vLLM loads (the shared rule of {@link WeightFileSelection}): root shards
   * named by model.safetensors.index.json when the repo has one, never {@code original/} or a
   * duplicate {@code consolidated.safetensors}.
   */
  private Uni<List<String>> weightFiles(RepoId repo, String commit, List<String> files) {
    Uni<Set<String>> indexed =
        files.contains(WeightFileSelection.SAFETENSORS_INDEX)
            ? json(repo, commit, WeightFileSelection.SAFETENSORS_INDEX)
                .map(WeightFileSelection::indexedFiles)
            : Uni.createFrom().nullItem();
    return indexed
        .map(index -> WeightFileSelection.select(files, index))
        .map(
            s ->
                s.format() == WeightFileSelection.Format.SAFETENSORS
                    ? s.weightFiles()
                    : List.<String>of())
        .memoize()
        .indefinitely();
  }

  private Uni<JsonNode> json(RepoId repo, String commit, String path) {
    return hub.download(repo, commit, path, MAX_CONFIG)
        .map(b -> parse(b.getBytes(), repo + "/" + path));
  }

  private Uni<List<TensorEntry>> headers(RepoId repo, String commit, List<String> shards) {
    return Multi.createFrom()
        .iterable(shards)
        .onItem()
        .transformToUni(shard -> header(repo, commit, shard))
        .merge(PARALLEL_HEADERS)
        .collect()
        .in(ArrayList<TensorEntry>::new, List::addAll)
        .map(l -> (List<TensorEntry>) l);
  }

  /** One shard's tensors: read the 8-byte length and, when needed, the rest of the header. */
  Uni<List<TensorEntry>> header(RepoId repo, String commit, String shard) {
    return hub.range(repo, commit, shard, 0, FIRST_READ - 1)
        .chain(
            first -> {
              long length = headerLength(first, repo, shard);
              if (8 + length <= first.length()) {
                return Uni.createFrom().item(first.getBytes(8, (int) (8 + length)));
              }
              return hub.range(repo, commit, shard, 8, 8 + length - 1).map(Buffer::getBytes);
            })
        .map(bytes -> SafetensorsHeaderParser.parse(parse(bytes, repo + "/" + shard + " header")));
  }

  private static long headerLength(Buffer first, RepoId repo, String shard) {
    if (first.length() < 8) {
      throw new ProblemException(
          ProblemType.INVALID_CONTENT, repo + "/" + shard + " is too short to be safetensors");
    }
    long length = ByteBuffer.wrap(first.getBytes(0, 8)).order(ByteOrder.LITTLE_ENDIAN).getLong();
    if (length <= 0 || length > MAX_HEADER) {
      throw new ProblemException(
          ProblemType.INVALID_CONTENT, repo + "/" + shard + " has no valid safetensors header");
    }
    return length;
  }

  private JsonNode parse(byte[] bytes, String what) {
    try {
      return mapper.readTree(bytes);
    } catch (IOException e) {
      throw new ProblemException(ProblemType.INVALID_CONTENT, what + " is not valid JSON");
    }
  }
}
