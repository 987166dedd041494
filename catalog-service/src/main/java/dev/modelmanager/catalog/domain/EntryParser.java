package dev.modelmanager.catalog.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.modelmanager.model.problem.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Reads entry files (YAML or JSON) into entries, collecting every problem instead of stopping. */
public final class EntryParser {
  private static final ObjectMapper YAML = new YAMLMapper();
  private static final ObjectMapper CANONICAL =
      JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

  /** The entries of a catalog snapshot, or the per-file errors that make it unusable. */
  public record Result(List<CatalogEntry> entries, List<Problem.FieldError> errors) {}

  private EntryParser() {}

  /** Parses files keyed by repository path. Duplicate ids are errors. */
  public static Result parse(Map<String, byte[]> files) {
    List<CatalogEntry> entries = new ArrayList<>();
    List<Problem.FieldError> errors = new ArrayList<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    files.forEach(
        (path, bytes) -> {
          try {
            CatalogEntry e = parseOne(path, bytes, errors);
            if (e != null && !seen.add(e.id())) {
              errors.add(new Problem.FieldError(path + "#id", "duplicate id " + e.id()));
            } else if (e != null) {
              entries.add(e);
            }
          } catch (IOException ex) {
            errors.add(
                new Problem.FieldError(path, "not valid YAML/JSON: " + firstLine(ex.getMessage())));
          }
        });
    return new Result(entries, errors);
  }

  private static CatalogEntry parseOne(String path, byte[] bytes, List<Problem.FieldError> errors)
      throws IOException {
    JsonNode doc = YAML.readTree(bytes);
    if (doc == null || !doc.isObject()) {
      errors.add(new Problem.FieldError(path, "must be a mapping with at least id and repo"));
      return null;
    }
    String id = text(doc, "id");
    String repo = text(doc, "repo");
    int before = errors.size();
    if (id == null || !CatalogEntry.ID.matcher(id).matches()) {
      errors.add(
          new Problem.FieldError(
              path + "#id", "required; lower-case letters, digits, '.' and '-'"));
    }
    if (repo == null || !CatalogEntry.REPO.matcher(repo).matches()) {
      errors.add(
          new Problem.FieldError(path + "#repo", "required; a Hugging Face repo id org/name"));
    }
    if (errors.size() > before) {
      return null;
    }
    String revision = text(doc, "revision");
    String document = CANONICAL.writeValueAsString(CANONICAL.treeToValue(doc, Object.class));
    return new CatalogEntry(
        id,
        repo,
        revision == null ? "main" : revision,
        text(doc, "description"),
        document,
        sha256(document),
        path);
  }

  private static String text(JsonNode doc, String field) {
    JsonNode n = doc.get(field);
    return n == null || n.isNull() ? null : n.asText();
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  static String sha256(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
