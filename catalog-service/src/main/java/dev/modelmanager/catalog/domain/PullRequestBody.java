package dev.modelmanager.catalog.domain;

import java.util.Locale;

/**
 * The body of a catalog pull request: the caller's text or the repository's pull request template,
 * then what the entry is, its validation report and its diff.
 */
public final class PullRequestBody {
  private static final int MAX_DIFF_CHARS = 30_000;

  private PullRequestBody() {}

  public static String render(
      String intro,
      String entryId,
      String hfModelId,
      String revision,
      ValidationReport report,
      EntryDiff diff) {
    StringBuilder b = new StringBuilder();
    if (intro != null && !intro.isBlank()) {
      b.append(intro.strip()).append("\n\n---\n\n");
    }
    b.append("## Catalog entry `").append(entryId).append("`\n\n");
    b.append(diff.created() ? "Adds" : "Changes")
        .append(" `")
        .append(diff.path())
        .append("`: [")
        .append(hfModelId)
        .append("](https://huggingface.co/")
        .append(hfModelId)
        .append("/tree/")
        .append(revision)
        .append(") at `")
        .append(revision)
        .append("`.\n\n");
    b.append("## Validation: ").append(report.valid() ? "valid" : "INVALID").append("\n\n");
    b.append("| check | status | message |\n|---|---|---|\n");
    for (CheckResult c : report.checks()) {
      b.append("| ")
          .append(c.name())
          .append(" | ")
          .append(badge(c.status()))
          .append(" | ")
          .append(cell(c.message()))
          .append(c.pointer() == null ? "" : " (`" + c.pointer() + "`)")
          .append(" |\n");
    }
    b.append("\n## Diff against `").append(shortSha(diff.baseCommit())).append("`\n\n");
    String unified = diff.unified();
    if (unified.length() > MAX_DIFF_CHARS) {
      unified = unified.substring(0, MAX_DIFF_CHARS) + "\n… (diff cut; see the branch)\n";
    }
    b.append("```diff\n").append(unified).append("```\n\n");
    b.append("<sub>Opened by Model Manager catalog-service. Merging approves the entry.</sub>\n");
    return b.toString();
  }

  private static String badge(CheckResult.Status s) {
    return switch (s) {
      case PASS -> "✅ pass";
      case WARN -> "⚠️ warn";
      case FAIL -> "❌ fail";
    };
  }

  private static String cell(String s) {
    return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
  }

  public static String shortSha(String sha) {
    return sha == null ? "" : sha.substring(0, Math.min(7, sha.length())).toLowerCase(Locale.ROOT);
  }
}
