package dev.modelmanager.weights.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Decides which files of a tree an install fetches: include/exclude globs, then the default
 * de-duplication of formats (with safetensors present, no {@code *.bin}, {@code *.pth}, {@code
 * original/} or {@code consolidated.*}, as vLLM loads safetensors only). Every path is validated
 * first, so one hostile name rejects the whole tree.
 */
public final class DownloadPlanner {

  /** What to download and what was left out (with the reason). */
  public record Plan(List<PlannedFile> files, List<String> skipped) {
    public long totalBytes() {
      return files.stream().mapToLong(PlannedFile::size).sum();
    }
  }

  private DownloadPlanner() {}

  public static Plan plan(List<TreeEntry> tree, List<String> include, List<String> exclude) {
    List<GlobPattern> includes = include.stream().map(GlobPattern::of).toList();
    List<GlobPattern> excludes = exclude.stream().map(GlobPattern::of).toList();
    List<TreeEntry> files = new ArrayList<>();
    for (TreeEntry e : tree) {
      HubPath.validate(e.path());
      if (e.isFile()) {
        checkHash(e);
        files.add(e);
      }
    }
    boolean hasSafetensors = files.stream().anyMatch(e -> e.path().endsWith(".safetensors"));
    List<PlannedFile> planned = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (TreeEntry e : files) {
      boolean included = includes.stream().anyMatch(p -> p.matches(e.path()));
      if (!includes.isEmpty() && !included) {
        skipped.add(e.path() + " (not included)");
      } else if (excludes.stream().anyMatch(p -> p.matches(e.path()))) {
        skipped.add(e.path() + " (excluded)");
      } else if (hasSafetensors && !included && duplicateFormat(e.path())) {
        skipped.add(e.path() + " (duplicate format; safetensors present)");
      } else {
        String blob = e.lfs() ? e.lfsSha256() : e.oid();
        planned.add(new PlannedFile(e.path(), e.size(), blob, e.lfs()));
      }
    }
    return new Plan(List.copyOf(planned), List.copyOf(skipped));
  }

  /** Formats that duplicate safetensors weights. */
  static boolean duplicateFormat(String path) {
    String lower = path.toLowerCase(Locale.ROOT);
    String name = lower.substring(lower.lastIndexOf('/') + 1);
    return lower.endsWith(".bin")
        || lower.endsWith(".pth")
        || lower.startsWith("original/")
        || name.startsWith("consolidated.");
  }

  private static void checkHash(TreeEntry e) {
    String hash = e.lfs() ? e.lfsSha256() : e.oid();
    boolean ok =
        e.lfs() ? hash.matches("[0-9a-f]{64}") : hash != null && hash.matches("[0-9a-f]{40}");
    if (!ok || e.size() < 0) {
      throw new HubPath.UnsafePathException(e.path(), "has no valid checksum or size in the tree");
    }
  }
}
