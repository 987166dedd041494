package dev.modelmanager.testkit.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Renders a repository as the Hub's model JSON: full info, list entries and {@code expand}. */
final class ModelJson {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private static final DateTimeFormatter ISO_MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  /** Fields of {@code GET /api/models/{id}} in the order the Hub sends them. */
  static final List<String> INFO_FIELDS =
      List.of(
          "_id",
          "id",
          "private",
          "pipeline_tag",
          "library_name",
          "tags",
          "downloads",
          "likes",
          "modelId",
          "author",
          "sha",
          "lastModified",
          "gated",
          "disabled",
          "config",
          "cardData",
          "transformersInfo",
          "siblings",
          "spaces",
          "createdAt",
          "safetensors",
          "usedStorage");

  /** Fields of a {@code GET /api/models} entry without {@code full} or {@code expand}. */
  static final List<String> LIST_FIELDS =
      List.of(
          "_id",
          "id",
          "likes",
          "trendingScore",
          "private",
          "downloads",
          "tags",
          "pipeline_tag",
          "library_name",
          "createdAt",
          "modelId");

  /** Extra fields of a list entry with {@code full=true}. */
  static final List<String> FULL_LIST_FIELDS =
      List.of("author", "sha", "lastModified", "gated", "disabled", "siblings");

  /** Values accepted by {@code expand}; the ones without data here are left out of answers. */
  static final Set<String> EXPANDABLE =
      Set.of(
          "author",
          "baseModels",
          "cardData",
          "childrenModelCount",
          "config",
          "createdAt",
          "disabled",
          "downloads",
          "downloadsAllTime",
          "evalResults",
          "gated",
          "gguf",
          "gitalyUid",
          "inference",
          "inferenceProviderMapping",
          "lastModified",
          "library_name",
          "likes",
          "mask_token",
          "model-index",
          "pipeline_tag",
          "private",
          "resourceGroup",
          "safetensors",
          "sha",
          "siblings",
          "spaces",
          "tags",
          "transformersInfo",
          "trendingScore",
          "usedStorage",
          "widgetData",
          "xetEnabled");

  private final HubRepo repo;
  private final RepoRevision revision;
  private final boolean blobs;

  ModelJson(HubRepo repo, RepoRevision revision, boolean blobs) {
    this.repo = repo;
    this.revision = revision;
    this.blobs = blobs;
  }

  static String isoDate(Instant instant) {
    return ISO_MILLIS.format(instant);
  }

  /** An object with the given fields in order, absent values left out. */
  ObjectNode render(List<String> fields) {
    ObjectNode node = NODES.objectNode();
    for (String field : fields) {
      JsonNode value = field(field);
      if (value != null) {
        node.set(field, value);
      }
    }
    return node;
  }

  /** {@code _id}, {@code id} and the expanded fields, like the Hub answers an expand request. */
  ObjectNode renderExpanded(List<String> expand) {
    ObjectNode node = render(List.of("_id", "id"));
    node.setAll(render(expand));
    return node;
  }

  private JsonNode field(String name) {
    return switch (name) {
      case "_id" -> NODES.textNode(repo.objectId);
      case "id", "modelId" -> NODES.textNode(repo.id);
      case "author" -> NODES.textNode(repo.author);
      case "private" -> NODES.booleanNode(repo.privateRepo);
      case "disabled" -> NODES.booleanNode(repo.disabled);
      case "gated" ->
          repo.gated == Gated.NONE
              ? NODES.booleanNode(false)
              : NODES.textNode((String) repo.gated.jsonValue());
      case "pipeline_tag" -> repo.pipelineTag == null ? null : NODES.textNode(repo.pipelineTag);
      case "library_name" -> repo.libraryName == null ? null : NODES.textNode(repo.libraryName);
      case "tags" -> strings(repo.tags);
      case "spaces" -> strings(repo.spaces);
      case "downloads", "downloadsAllTime" -> NODES.numberNode(repo.downloads);
      case "likes" -> NODES.numberNode(repo.likes);
      case "trendingScore" -> number(repo.trendingScore);
      case "sha" -> NODES.textNode(revision.sha());
      case "lastModified" -> NODES.textNode(isoDate(repo.lastModified));
      case "createdAt" -> NODES.textNode(isoDate(repo.createdAt));
      case "cardData" -> repo.cardData;
      case "config" -> revision.configSummary().map(ObjectNode::deepCopy).orElse(null);
      case "transformersInfo" -> transformersInfo();
      case "siblings" -> siblings();
      case "safetensors" -> revision.safetensorsSummary().map(ObjectNode::deepCopy).orElse(null);
      case "usedStorage" -> NODES.numberNode(repo.usedStorage());
      case "childrenModelCount" -> NODES.numberNode(0);
      case "xetEnabled" -> NODES.booleanNode(false);
      default -> null;
    };
  }

  private static ArrayNode strings(List<String> values) {
    ArrayNode array = NODES.arrayNode();
    values.forEach(array::add);
    return array;
  }

  private static JsonNode number(double value) {
    return value == Math.rint(value) ? NODES.numberNode((long) value) : NODES.numberNode(value);
  }

  private ArrayNode siblings() {
    ArrayNode array = NODES.arrayNode();
    for (Map.Entry<String, HubFile> entry : revision.files().entrySet()) {
      ObjectNode sibling = array.addObject().put("rfilename", entry.getKey());
      if (blobs) {
        addBlobFields(sibling, entry.getKey(), entry.getValue());
      }
    }
    return array;
  }

  /** The {@code blobs=true} extras of a sibling: git oid, size and LFS info. */
  private static void addBlobFields(ObjectNode sibling, String path, HubFile file) {
    if (LfsPointer.isLfs(path, file.size())) {
      String sha256 = file.sha256();
      sibling.put("blobId", LfsPointer.pointerOid(sha256, file.size()));
      sibling.put("size", file.size());
      sibling
          .putObject("lfs")
          .put("sha256", sha256)
          .put("size", file.size())
          .put("pointerSize", LfsPointer.pointer(sha256, file.size()).length);
    } else {
      sibling.put("blobId", file.gitSha1());
      sibling.put("size", file.size());
    }
  }

  /** What the Hub derives for transformers models: auto class, task and processor. */
  private JsonNode transformersInfo() {
    JsonNode config = revision.configSummary().orElse(null);
    if (!"transformers".equals(repo.libraryName) || config == null) {
      return null;
    }
    String architecture = config.path("architectures").path(0).asText("");
    String autoModel =
        architecture.endsWith("ForCausalLM")
            ? "AutoModelForCausalLM"
            : architecture.endsWith("ForMaskedLM") ? "AutoModelForMaskedLM" : "AutoModel";
    ObjectNode info = NODES.objectNode().put("auto_model", autoModel);
    if (repo.pipelineTag != null) {
      info.put("pipeline_tag", repo.pipelineTag);
    }
    boolean tokenizer = revision.files().keySet().stream().anyMatch(p -> p.startsWith("tokenizer"));
    return tokenizer ? info.put("processor", "AutoTokenizer") : info;
  }
}
