package dev.modelmanager.model.events;

import java.util.List;

/** Payloads ({@code data}) of the catalog service's events. */
public final class CatalogEvents {

  /** A reload read the catalog repository at {@code commit} and applied the differences. */
  public record Reloaded(
      String reloadId,
      String commit,
      int entries,
      List<String> added,
      List<String> updated,
      List<String> removed) {}

  /** One entry was added, changed or removed by a reload. */
  public record EntryChanged(String entryId, String repo, String revision, String commit) {}

  /** A catalog pull request was opened (or found open) or merged. */
  public record PullRequestChanged(
      int number, String entryId, String branch, String url, String headCommit, String state) {}

  /** An entry failed validation; {@code failedChecks} names each failing check. */
  public record ValidationFailed(String entryId, String hfModelId, List<String> failedChecks) {}

  /**
   * The model of an entry moved on Hugging Face: a new commit on its tracked branch and/or a new
   * license. {@code pullRequest} is the number of the PR that proposes it (0 when none was opened).
   */
  public record UpdateAvailable(
      String entryId,
      String hfModelId,
      String currentRevision,
      String latestRevision,
      String currentLicense,
      String latestLicense,
      int pullRequest) {}

  private CatalogEvents() {}
}
