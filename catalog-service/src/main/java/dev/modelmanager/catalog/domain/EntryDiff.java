package dev.modelmanager.catalog.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.flipkart.zjsonpatch.JsonDiff;
import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import java.util.ArrayList;
import java.util.List;

/**
 * The change an entry makes against its file at the base branch: an RFC 6902 JSON Patch and a
 * unified diff of the canonical JSON.
 *
 * @param path the entry's file
 * @param baseCommit the base branch commit compared against
 * @param created whether the file does not exist yet
 */
public record EntryDiff(
    String path,
    String baseCommit,
    boolean created,
    boolean changed,
    JsonNode patch,
    String unified) {

  /** Compares {@code after} with the file's current content ({@code before}, null when absent). */
  public static EntryDiff of(String path, String baseCommit, JsonNode before, JsonNode after) {
    JsonNode target = CanonicalJson.normalize(after);
    String newText = CanonicalJson.write(target);
    if (before == null) {
      ArrayNode patch = JsonNodeFactory.instance.arrayNode();
      patch.addObject().put("op", "add").put("path", "").set("value", target);
      return new EntryDiff(
          path, baseCommit, true, true, patch, unified("/dev/null", "b/" + path, "", newText));
    }
    JsonNode source = CanonicalJson.normalize(before);
    JsonNode patch = JsonDiff.asJson(source, target);
    String oldText = CanonicalJson.write(source);
    return new EntryDiff(
        path,
        baseCommit,
        false,
        !patch.isEmpty(),
        patch,
        unified("a/" + path, "b/" + path, oldText, newText));
  }

  private static String unified(String from, String to, String oldText, String newText) {
    List<String> a = oldText.isEmpty() ? List.of() : oldText.lines().toList();
    List<String> b = newText.lines().toList();
    List<String> lines =
        new ArrayList<>(UnifiedDiffUtils.generateUnifiedDiff(from, to, a, DiffUtils.diff(a, b), 3));
    if (a.isEmpty() && lines.size() > 2) {
      // A new file's hunk starts at line 0 of nothing, as git writes it.
      lines.set(2, lines.get(2).replaceFirst("^@@ -1,0 ", "@@ -0,0 "));
    }
    return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
  }
}
