package dev.modelmanager.catalog.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.modelmanager.model.problem.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads entry files (JSON, or YAML for hand-written catalogs) into entries, checking each against
 * the entry schema and collecting every problem instead of stopping.
 */
public final class EntryParser {
  private static final ObjectMapper YAML = new YAMLMapper();

  /** The entries of a catalog snapshot, or the per-file errors that make it unusable. */
  public record Result(List<CatalogEntry> entries, List<Problem.FieldError> errors) {}

  private EntryParser() {}

  /** Parses files keyed by repository path, read at {@code commit}. Duplicate ids are errors. */
  public static Result parse(String commit, Map<String, byte[]> files) {
    List<CatalogEntry> entries = new ArrayList<>();
    List<Problem.FieldError> errors = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    files.forEach(
        (path, bytes) -> {
          try {
            CatalogEntry e = parseOne(path, bytes, commit, errors);
            if (e != null && !seen.add(e.id())) {
              errors.add(new Problem.FieldError(path + "#/id", "duplicate id " + e.id()));
            } else if (e != null) {
              entries.add(e);
            }
          } catch (IOException ex) {
            errors.add(
                new Problem.FieldError(path, "not valid JSON/YAML: " + firstLine(ex.getMessage())));
          }
        });
    return new Result(entries, errors);
  }

  private static CatalogEntry parseOne(
      String path, byte[] bytes, String commit, List<Problem.FieldError> errors)
      throws IOException {
    JsonNode doc = YAML.readTree(bytes);
    if (doc == null || !doc.isObject()) {
      errors.add(
          new Problem.FieldError(path, "must be an object (see GET /api/v1/catalog/schema)"));
      return null;
    }
    List<CheckResult> violations = EntrySchema.get().violations(doc);
    violations.forEach(
        v -> errors.add(new Problem.FieldError(path + "#" + v.pointer(), v.message())));
    if (!violations.isEmpty()) {
      return null;
    }
    String document = CanonicalJson.write(doc);
    return new CatalogEntry(
        doc.get("id").asText(),
        doc.get("hfModelId").asText(),
        doc.get("revision").asText(),
        doc.path("description").asText(null),
        document,
        sha256(document),
        path,
        commit);
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
