package dev.modelmanager.weights.domain;

import dev.modelmanager.kit.hf.WeightFileSelection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Decides which files of a tree an install fetches: include/exclude globs, then the default
 * de-duplication: weight files vLLM would not load are skipped, by the one rule discovery also
 * counts parameters with ({@link WeightFileSelection}), and so is the rest of a sub-folder
 * checkpoint copy ({@code original/params.json}, …) when root weights exist. A file named by an
 * include glob is always fetched. Every path is validated first, so one hostile name rejects the
 * whole tree.
 */
public final class DownloadPlanner {

  /** Why a file of the tree is not fetched. */
  public enum SkipReason {
    /** Include patterns were given and none matches the file. */
    NOT_INCLUDED,
    /** An exclude pattern matches the file. */
    EXCLUDED,
    /** A weight file (or checkpoint copy) vLLM does not load: another format is loaded instead. */
    DUPLICATE
  }

  /** A file of the tree that the install leaves out, with its size and why. */
  public record SkippedFile(String path, long size, SkipReason reason, String detail) {
    /** The job's one-line form, {@code path (reason)}. */
    public String describe() {
      return path + " (" + detail + ")";
    }
  }

  /** What to download and what was left out (with the reason). */
  public record Plan(List<PlannedFile> files, List<SkippedFile> skippedFiles) {
    public long totalBytes() {
      return files.stream().mapToLong(PlannedFile::size).sum();
    }

    /** The skipped files as the job records them, {@code path (reason)}. */
    public List<String> skipped() {
      return skippedFiles.stream().map(SkippedFile::describe).toList();
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
    WeightFileSelection.Selection selection =
        WeightFileSelection.select(files.stream().map(TreeEntry::path).toList(), null);
    Set<String> duplicates = Set.copyOf(selection.duplicates());
    boolean rootWeights = selection.format() != WeightFileSelection.Format.NONE;
    List<PlannedFile> planned = new ArrayList<>();
    List<SkippedFile> skipped = new ArrayList<>();
    for (TreeEntry e : files) {
      boolean included = includes.stream().anyMatch(p -> p.matches(e.path()));
      if (!includes.isEmpty() && !included) {
        skipped.add(new SkippedFile(e.path(), e.size(), SkipReason.NOT_INCLUDED, "not included"));
      } else if (excludes.stream().anyMatch(p -> p.matches(e.path()))) {
        skipped.add(new SkippedFile(e.path(), e.size(), SkipReason.EXCLUDED, "excluded"));
      } else if (!included
          && (duplicates.contains(e.path()) || rootWeights && checkpointCopy(e.path()))) {
        skipped.add(
            new SkippedFile(
                e.path(),
                e.size(),
                SkipReason.DUPLICATE,
                "not loaded by vLLM: it loads the root " + selection.format()));
      } else {
        String blob = e.lfs() ? e.lfsSha256() : e.oid();
        planned.add(new PlannedFile(e.path(), e.size(), blob, e.lfs()));
      }
    }
    return new Plan(List.copyOf(planned), List.copyOf(skipped));
  }

  /** A file of a checkpoint copy in a sub-folder that vLLM never reads (Meta's original/). */
  static boolean checkpointCopy(String path) {
    return path.toLowerCase(Locale.ROOT).startsWith("original/");
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
